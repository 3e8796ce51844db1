package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.CollisionReports;
import dev.infisicalpro.spring.internal.LiveRegistry;
import dev.infisicalpro.spring.internal.PropertyNameIndex;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.logging.DeferredLogFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads an {@code infisical:} import: creates the client, loads the secrets once (per
 * {@code infisical.fail-fast}; an {@code optional:} import never fails and keeps retrying in the
 * background when the server is down) and returns one {@link InfisicalPropertySource} named after the
 * import. The client and live view become beans through {@link InfisicalAutoConfiguration}; a repeated
 * load of the same import (a Spring Cloud refresh) reuses the running live view.
 *
 * <p>The secrets never act as configuration of Boot itself: a secret named {@code SPRING_CONFIG_IMPORT}
 * or {@code SPRING_PROFILES_ACTIVE} does not trigger imports or activate profiles.
 *
 * <p>What happened at the first load (loaded N keys, or not loaded yet and why; name collisions) is
 * reported through Boot's deferred log, which reaches Logback once logging is initialised.
 *
 * <pre>{@code
 * spring.config.import=optional:infisical:/app   # loaded by this class; optional: never fails startup
 * }</pre>
 */
public class InfisicalConfigDataLoader implements ConfigDataLoader<InfisicalConfigDataResource> {

    private final StartupLog log;
    private final Starter starter;

    /**
     * Creates client and live view for an import. A seam for tests: a library clash (an OkHttp/Kotlin
     * {@code LinkageError} from inside the client) cannot be produced by a fake server.
     */
    @FunctionalInterface
    interface Starter {
        LiveRegistry.Created start(InfisicalSettings settings, boolean failFast, ImportWarnings warnings);
    }

    // for direct use (tests); messages go to System.Logger. Not public: Spring's factories loader picks the
    // single public constructor, and with two it would fall back to this one and never pass the deferred log
    InfisicalConfigDataLoader() {
        this(null);
    }

    /**
     * Called by Boot with its deferred log factory (logging is not initialised while config data loads).
     *
     * @param logs Boot's deferred logs (may be null)
     */
    public InfisicalConfigDataLoader(DeferredLogFactory logs) {
        this.log = StartupLog.of(logs, InfisicalConfigDataLoader.class);
        this.starter = this::start;
    }

    InfisicalConfigDataLoader(DeferredLogFactory logs, Starter starter) {
        this.log = StartupLog.of(logs, InfisicalConfigDataLoader.class);
        this.starter = starter;
    }

    @Override
    public ConfigData load(ConfigDataLoaderContext context, InfisicalConfigDataResource resource) {
        return load(resource);
    }

    ConfigData load(InfisicalConfigDataResource resource) {
        if (resource.disabled()) {
            return ConfigData.EMPTY;
        }
        try {
            InfisicalSettings settings = resource.settings().orElseThrow(() -> resource.settingsError().orElseThrow());
            boolean failFast = settings.failFast() && !resource.optional();
            // Boot creates the loaders anew for each config-data processing (a start, a refresh): `this` is the round
            LiveRegistry.Entry entry = LiveRegistry.acquire(this, resource.key(),
                    () -> starter.start(settings, failFast, new ImportWarnings(log, resource.toString())));
            if (entry.firstReport()) {
                report(resource, entry);
            }
            InfisicalPropertySource source = new InfisicalPropertySource(resource.location(), entry.live());
            // the secrets are application values, never Boot's own configuration (imports, profiles)
            return new ConfigData(List.of(source), ConfigData.Option.IGNORE_IMPORTS, ConfigData.Option.IGNORE_PROFILES);
        } catch (InfisicalException e) {
            if (resource.optional()) {
                log.warn("Skipping optional:" + resource.location() + ": " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
                return ConfigData.EMPTY;
            }
            throw new InfisicalConfigDataException(resource.location(), e);
        } catch (RuntimeException | LinkageError e) {
            // e.g. a library clash (OkHttp/Kotlin versions): optional means the app starts anyway. Only the
            // type (and a linkage error's message, which names classes) is shown: other messages may quote anything
            if (!resource.optional()) {
                throw e;
            }
            log.warn("Skipping optional:" + resource.location() + ": " + e.getClass().getName()
                    + (e instanceof LinkageError && e.getMessage() != null ? ": " + e.getMessage() : ""));
            return ConfigData.EMPTY;
        }
    }

    // settings.newClient() plus the sink; without a deferred log (direct use), or when core's JUL output
    // is visible during startup anyway, core's own logging suffices
    private LiveRegistry.Created start(InfisicalSettings settings, boolean failFast, ImportWarnings warnings) {
        InfisicalClient.Builder builder = settings.clientBuilder();
        if (log.deferred() && ImportWarnings.needed()) {
            builder.warnings(warnings);
        }
        InfisicalClient client = builder.build();
        try {
            LiveSecrets live = settings.live(client).failFast(failFast).start();
            return new LiveRegistry.Created(client, live, warnings::end);
        } catch (RuntimeException | Error e) {
            warnings.end();
            client.close();
            throw e;
        }
    }

    // the first load's facts, through the deferred log: keys, folders, error types and messages, no values
    private void report(InfisicalConfigDataResource resource, LiveRegistry.Entry entry) {
        LiveSecrets live = entry.live();
        // a failed first load was already reported by core's "could not be loaded at startup" warning
        if (live.status().loaded()) {
            log.info("Infisical import " + resource.location() + ": loaded " + live.snapshot().size()
                    + " secret(s) from " + describe(live.query()));
        }
        List<String> fresh = new ArrayList<>();
        for (String c : PropertyNameIndex.of(live.snapshot()).collisions()) {
            if (CollisionReports.firstTime(live, c)) {
                fresh.add(c);
            }
        }
        if (!fresh.isEmpty()) {
            log.warn("Infisical property source '" + resource.location() + "': " + fresh.size()
                    + " secret name collision(s): " + String.join(" | ", fresh));
        }
    }

    private static String describe(SecretQuery query) {
        return query.environment() + ":" + query.paths().stream().map(SecretPath::value)
                .collect(Collectors.joining(","));
    }
}
