package dev.infisicalpro.microprofile;

import dev.infisicalpro.config.PropertyLookup;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The plain MicroProfile Config entry point, for implementations without SmallRye's
 * {@code ConfigSourceFactory} (Helidon's own MicroProfile Config, for example). Registered in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSourceProvider}; it reads the
 * {@code infisical.*} settings from system properties and the Infisical environment variables
 * ({@code InfisicalSettings.fromSystem()}), because a provider cannot see other config sources.
 *
 * <pre>{@code
 * INFISICAL_API_URL=https://infisical.example.com INFISICAL_TOKEN=st.... \
 *     java -Dinfisical.env-slug=prod -Dinfisical.secrets-path=/app -jar app.jar
 * }</pre>
 *
 * <p>SmallRye Config also loads providers from {@code META-INF/services}; when SmallRye is the caller
 * this provider returns nothing, because {@link InfisicalConfigSourceFactory} already contributes the
 * source (with settings from every config source, not only system properties). So there is exactly
 * one Infisical source under every implementation. "SmallRye is the caller" means an
 * {@code io.smallrye.config} frame on the stack <em>and</em> the factory visible through the class
 * loader SmallRye passes (it discovers factories through that same loader); when the factory is not
 * visible there, this provider answers. Under SmallRye, register nothing by hand: a provider added
 * with {@code SmallRyeConfigBuilder.withSources(provider)} stays silent, use
 * {@code addDiscoveredSources()} (or {@code withSources(new InfisicalConfigSourceFactory())}).
 */
public final class InfisicalConfigSourceProvider implements ConfigSourceProvider {

    private static final System.Logger LOG = System.getLogger(InfisicalConfigSourceProvider.class.getName());
    private static final String FACTORY_SERVICE_FILE = "META-INF/services/io.smallrye.config.ConfigSourceFactory";

    private final PropertyLookup properties;
    private final PropertyLookup environment;

    /** Used by {@link java.util.ServiceLoader}: system properties, then environment variables. */
    public InfisicalConfigSourceProvider() {
        this(PropertyLookup.systemProperties(), PropertyLookup.environmentVariables());
    }

    /** Over explicit lookups (tests, embedding). */
    InfisicalConfigSourceProvider(PropertyLookup properties, PropertyLookup environment) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        if (calledBySmallRye() && factoryVisible(forClassLoader)) {
            LOG.log(Level.DEBUG, "SmallRye Config detected: the Infisical source comes from InfisicalConfigSourceFactory");
            return List.of();
        }
        return SourceBootstrap.create(properties, environment, "system properties and environment variables")
                .<List<ConfigSource>>map(List::of)
                .orElse(List.of());
    }

    /**
     * Whether SmallRye is the caller. The stack is the only place that says who calls: a class-path
     * test alone would also be true for, say, Helidon's own MicroProfile Config with a SmallRye jar
     * on the class path, and then nobody would contribute the source. Some {@code io.smallrye.config}
     * frame is robust to SmallRye renaming its classes; a false answer costs a second source over
     * the same live view (equal settings share it), not missing secrets.
     */
    private static boolean calledBySmallRye() {
        return StackWalker.getInstance().walk(frames -> frames
                .anyMatch(f -> f.getClassName().startsWith("io.smallrye.config.")));
    }

    /**
     * Whether SmallRye, discovering sources through {@code loader} (it loads providers and factories
     * with the same class loader it passes here), will also find {@link InfisicalConfigSourceFactory}:
     * the {@code ConfigSourceFactory} SPI is loadable and our service file is visible. Only then may
     * this provider step aside; otherwise it answers, so secrets never go missing.
     */
    static boolean factoryVisible(ClassLoader loader) {
        ClassLoader cl = loader != null ? loader : InfisicalConfigSourceProvider.class.getClassLoader();
        try {
            Class.forName("io.smallrye.config.ConfigSourceFactory", false, cl);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            for (URL url : Collections.list(cl.getResources(FACTORY_SERVICE_FILE))) {
                try (InputStream in = url.openStream()) {
                    String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    boolean listed = content.lines()
                            .map(line -> line.replaceFirst("#.*", "").trim())
                            .anyMatch(InfisicalConfigSourceFactory.class.getName()::equals);
                    if (listed) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
