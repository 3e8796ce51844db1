package dev.infisicalpro.spring;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import java.util.Objects;
import java.util.Optional;

/**
 * Plain Spring Framework (no Boot): puts Infisical secrets first in an environment in one call, and
 * owns the client and live view behind them until {@link #close()}.
 *
 * <pre>{@code
 * AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
 * InfisicalPropertySources infisical = InfisicalPropertySources.addFirst(ctx.getEnvironment(),
 *         InfisicalPropertySources.settings(ctx.getEnvironment()));
 * ctx.register(AppConfig.class);
 * ctx.refresh();                       // @Value("${DB_PASSWORD}") now resolves
 * ...
 * ctx.close(); infisical.close();
 * }</pre>
 *
 * <p>Or register {@link InfisicalPropertySourceInitializer} as an {@code ApplicationContextInitializer},
 * which also closes everything with the context and publishes {@link InfisicalSecretsChangedEvent}.
 */
public final class InfisicalPropertySources implements AutoCloseable {

    /** Name of the property source added by {@link #addFirst}. */
    public static final String DEFAULT_NAME = "infisical";

    private final InfisicalClient client;
    private final LiveSecrets live;
    private final InfisicalPropertySource propertySource;
    private final ConfigurableEnvironment environment;

    private InfisicalPropertySources(InfisicalClient client, LiveSecrets live, InfisicalPropertySource propertySource,
                                     ConfigurableEnvironment environment) {
        this.client = client;
        this.live = live;
        this.propertySource = propertySource;
        this.environment = environment;
    }

    /**
     * Creates a client and a live view for the settings, loads once (per {@code infisical.fail-fast})
     * and adds the source with the highest precedence.
     *
     * @param environment the environment to add the source to
     * @param settings what to load, e.g. {@link #settings(Environment)}
     * @return the client, live view and source; close it when the environment is discarded
     * @throws dev.infisicalpro.InfisicalException when the settings are invalid or, with fail-fast,
     *                                             the first load fails
     */
    public static InfisicalPropertySources addFirst(ConfigurableEnvironment environment, InfisicalSettings settings) {
        return addFirst(environment, settings, DEFAULT_NAME);
    }

    /**
     * {@link #addFirst(ConfigurableEnvironment, InfisicalSettings)} with a property source name.
     *
     * @param environment the environment to add the source to
     * @param settings what to load
     * @param name the property source name, e.g. {@code infisical:/app}
     * @return the client, live view and source; close it when the environment is discarded
     */
    public static InfisicalPropertySources addFirst(ConfigurableEnvironment environment, InfisicalSettings settings,
                                                    String name) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(settings, "settings");
        InfisicalClient client = settings.newClient();
        try {
            LiveSecrets live = settings.startLive(client);
            InfisicalPropertySource source = new InfisicalPropertySource(name, live);
            environment.getPropertySources().addFirst(source);
            return new InfisicalPropertySources(client, live, source, environment);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * The contract settings ({@link InfisicalSettings}) as a Spring environment sees them: {@code infisical.*} from
     * any property source (system properties, {@code @PropertySource} files, and environment variables
     * such as {@code INFISICAL_ENV_SLUG}), then the Infisical variables ({@code INFISICAL_API_URL},
     * {@code INFISICAL_TOKEN}, ...).
     *
     * @param environment the Spring environment to read
     * @return the validated settings
     * @throws dev.infisicalpro.ValidationException when settings are missing, conflicting or malformed
     */
    public static InfisicalSettings settings(Environment environment) {
        return InfisicalSettings.load(lookup(environment), PropertyLookup.environmentVariables());
    }

    /**
     * A {@link PropertyLookup} over a Spring environment (placeholders resolved, blanks unset).
     *
     * @param environment the Spring environment to read
     * @return a lookup that resolves {@code ${...}} placeholders and treats blank values as unset
     */
    public static PropertyLookup lookup(Environment environment) {
        Objects.requireNonNull(environment, "environment");
        return name -> Optional.ofNullable(environment.getProperty(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * The client (closed by {@link #close()}).
     *
     * @return the client created for the settings
     */
    public InfisicalClient client() {
        return client;
    }

    /**
     * The live view (closed by {@link #close()}).
     *
     * @return the live view the property source reads
     */
    public LiveSecrets live() {
        return live;
    }

    /**
     * The property source added to the environment.
     *
     * @return the source, already in the environment's property sources
     */
    public InfisicalPropertySource propertySource() {
        return propertySource;
    }

    /** Removes the source from the environment, stops refreshing and closes the client; idempotent. */
    @Override
    public void close() {
        environment.getPropertySources().remove(propertySource.getName());
        try {
            live.close();
        } finally {
            client.close();
        }
    }
}
