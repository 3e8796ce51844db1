package dev.infisicalpro.microprofile;

import dev.infisicalpro.config.PropertyLookup;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import java.lang.System.Logger.Level;
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
 * one Infisical source under every implementation.
 */
public final class InfisicalConfigSourceProvider implements ConfigSourceProvider {

    private static final System.Logger LOG = System.getLogger(InfisicalConfigSourceProvider.class.getName());

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
        if (calledBySmallRye()) {
            LOG.log(Level.DEBUG, "SmallRye Config detected: the Infisical source comes from InfisicalConfigSourceFactory");
            return List.of();
        }
        return SourceBootstrap.create(properties, environment, "system properties and environment variables")
                .<List<ConfigSource>>map(List::of)
                .orElse(List.of());
    }

    /** SmallRye discovers providers and factories alike; only the factory should answer there. */
    private static boolean calledBySmallRye() {
        return StackWalker.getInstance().walk(frames -> frames
                .anyMatch(f -> f.getClassName().startsWith("io.smallrye.config.")));
    }
}
