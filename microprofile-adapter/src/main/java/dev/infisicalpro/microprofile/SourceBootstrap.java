package dev.infisicalpro.microprofile;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The start-up decisions shared by the SmallRye factory and the plain MicroProfile provider. Not API.
 *
 * <ol>
 *   <li>{@code infisical.enabled=false}: no source.</li>
 *   <li>While Quarkus builds the application (augmentation): no source; secrets are runtime data.</li>
 *   <li>No auth setting at all (no {@code infisical.auth.*} property and none of the Infisical
 *       environment variables that carry credentials): no source and one INFO line, so adding the jar
 *       to an app that is not configured yet breaks nothing.</li>
 *   <li>Otherwise the settings must be complete: a {@link dev.infisicalpro.ConfigurationException}
 *       naming the keys otherwise, whatever {@code infisical.fail-fast} says (retrying cannot fix
 *       configuration).</li>
 *   <li>The first load follows {@code infisical.fail-fast}: {@code true} throws the
 *       {@link dev.infisicalpro.InfisicalException} (its message carries the fix); {@code false}
 *       gives an empty source that fills when a background retry succeeds.</li>
 *   <li>Equal settings share one started source (config is rebuilt on Quarkus dev-mode reloads).</li>
 * </ol>
 */
final class SourceBootstrap {

    private static final System.Logger LOG = System.getLogger(InfisicalConfigSourceFactory.class.getName());

    /** Property names that choose an auth method. */
    static final List<String> AUTH_PROPERTIES = List.of(InfisicalSettings.AUTH_SERVICE_TOKEN,
            InfisicalSettings.AUTH_ACCESS_TOKEN, InfisicalSettings.AUTH_CLIENT_ID, InfisicalSettings.AUTH_CLIENT_SECRET,
            InfisicalSettings.AUTH_CREDENTIALS_DIR, InfisicalSettings.AUTH_KUBERNETES_IDENTITY_ID);

    /** Environment variables that carry credentials (design §6). */
    static final List<String> AUTH_ENVIRONMENT = List.of("INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_MACHINE_IDENTITY_ID");

    /** Classes on the stack only while Quarkus builds the application (seen in Quarkus 3.33). */
    private static final Set<String> QUARKUS_AUGMENTATION = Set.of("io.quarkus.deployment.QuarkusAugmentor",
            "io.quarkus.deployment.configuration.BuildTimeConfigurationReader");

    /** Every Infisical environment variable of the contract. */
    static final List<String> ENVIRONMENT = List.of("INFISICAL_API_URL", "INFISICAL_PROJECT_ID", "INFISICAL_TOKEN",
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_MACHINE_IDENTITY_ID");

    /**
     * Started sources by settings digest. Frameworks build their config more than once (Quarkus dev
     * mode on each reload, and its test launcher before the app); one live view per settings keeps
     * that from multiplying refreshes. A closed source leaves the map.
     */
    private static final Map<String, InfisicalConfigSource> ACTIVE = new ConcurrentHashMap<>();

    /** "Not configured" lines already logged: one per distinct situation per JVM. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private SourceBootstrap() {
    }

    /**
     * The source these settings ask for, or empty (disabled or not configured at all).
     *
     * @param properties  contract names ({@code infisical.env-slug}, ...)
     * @param environment the Infisical environment variable names ({@code INFISICAL_API_URL}, ...)
     * @param origin      where the settings were read, for the INFO line
     */
    static Optional<InfisicalConfigSource> create(PropertyLookup properties, PropertyLookup environment,
                                                  String origin) {
        Optional<String> enabled = properties.get(InfisicalSettings.ENABLED)
                .or(() -> environment.get(environmentName(InfisicalSettings.ENABLED)));
        if (enabled.map(SourceBootstrap::isFalse).orElse(false)) {
            LOG.log(Level.DEBUG, "Infisical config source disabled (" + InfisicalSettings.ENABLED + "=false)");
            return Optional.empty();
        }
        if (calledDuringQuarkusBuild()) {
            // Secrets are runtime data: never fetch them on the build machine, and never let Quarkus
            // record a value it saw while building into the application.
            LOG.log(Level.DEBUG, "Infisical config source skipped while Quarkus builds the application");
            return Optional.empty();
        }
        boolean anyAuth = AUTH_PROPERTIES.stream().anyMatch(k -> properties.get(k).isPresent()
                        || environment.get(environmentName(k)).isPresent())
                || AUTH_ENVIRONMENT.stream().anyMatch(k -> environment.get(k).isPresent());
        if (!anyAuth) {
            String message = notConfiguredMessage(properties, environment, origin);
            // once per situation: frameworks may build their config several times
            if (REPORTED.add(message)) {
                LOG.log(Level.INFO, message);
            }
            return Optional.empty();
        }

        InfisicalSettings settings = InfisicalSettings.load(properties, environment);
        if (!settings.enabled()) {
            return Optional.empty();
        }
        String key = fingerprint(properties, environment);
        InfisicalConfigSource existing = ACTIVE.get(key);
        if (existing != null) {
            return Optional.of(existing);
        }
        synchronized (ACTIVE) {
            existing = ACTIVE.get(key);
            if (existing != null) {
                return Optional.of(existing);
            }
            InfisicalConfigSource source = start(settings, key);
            ACTIVE.put(key, source);
            return Optional.of(source);
        }
    }

    private static InfisicalConfigSource start(InfisicalSettings settings, String key) {
        InfisicalClient client = settings.newClient();
        LiveSecrets live;
        try {
            live = settings.startLive(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        AtomicBoolean closed = new AtomicBoolean();
        InfisicalConfigSource[] self = new InfisicalConfigSource[1];
        self[0] = InfisicalConfigSource.owning(live, settings.ordinal(), projectLabel(client, live), () -> {
            if (closed.compareAndSet(false, true)) {
                ACTIVE.remove(key, self[0]);
                try {
                    live.close();
                } finally {
                    client.close();
                }
            }
        });
        return self[0];
    }

    /** The project id for the source's name: a service token's own project once it has been read. */
    private static String projectLabel(InfisicalClient client, LiveSecrets live) {
        ProjectRef ref = live.query().project();
        if (ref instanceof ProjectRef.FromToken && live.status().loaded()) {
            try {
                return client.serviceTokenInfo().map(ServiceTokenInfo::projectId)
                        .orElse(InfisicalConfigSource.projectLabel(ref));
            } catch (InfisicalException e) {
                return InfisicalConfigSource.projectLabel(ref); // a name is not worth failing for
            }
        }
        return InfisicalConfigSource.projectLabel(ref);
    }

    /**
     * Quarkus also evaluates discovered factories while it augments the application (at
     * {@code mvn package}, in dev mode and before a {@code @QuarkusTest}), from its build-time config
     * reader inside {@code QuarkusAugmentor.run}. Only those frames count: dev mode starts the
     * application itself from {@code io.quarkus.deployment.dev} code, and that start must load secrets.
     */
    static boolean calledDuringQuarkusBuild() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .anyMatch(QUARKUS_AUGMENTATION::contains));
    }

    /** A digest of every setting as read, so equal settings share one source (no secret kept in the key). */
    private static String fingerprint(PropertyLookup properties, PropertyLookup environment) {
        StringBuilder sb = new StringBuilder();
        for (String k : InfisicalSettings.ALL_KEYS) {
            sb.append(k).append('=').append(properties.get(k).orElse("")).append('\n');
            String env = environmentName(k);
            sb.append(env).append('=').append(environment.get(env).orElse("")).append('\n');
        }
        for (String k : ENVIRONMENT) {
            sb.append(k).append('=').append(environment.get(k).orElse("")).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String notConfiguredMessage(PropertyLookup properties, PropertyLookup environment, String origin) {
        StringBuilder sb = new StringBuilder("Infisical config source not active: no Infisical auth method is configured in ")
                .append(origin).append(" (set one of ").append(String.join(", ", AUTH_PROPERTIES))
                .append(" or the environment variable ").append(String.join(" / ", AUTH_ENVIRONMENT))
                .append("; or set ").append(InfisicalSettings.ENABLED).append("=false to silence this line)");
        List<String> others = Stream.concat(
                        InfisicalSettings.ALL_KEYS.stream().filter(k -> !k.equals(InfisicalSettings.ENABLED))
                                .flatMap(k -> Stream.of(k, environmentName(k)))
                                .filter(k -> properties.get(k).isPresent() || environment.get(k).isPresent()),
                        ENVIRONMENT.stream().filter(k -> environment.get(k).isPresent()))
                .distinct()
                .toList();
        if (!others.isEmpty()) {
            sb.append(". Other Infisical settings are present (").append(String.join(", ", others))
                    .append("), so an auth setting is probably missing");
        }
        return sb.toString();
    }

    /** A contract name in environment-variable form, as core reads it: {@code INFISICAL_ENV_SLUG}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code "true"}/{@code "false"} only, as the rest of the contract parses booleans. */
    static boolean isFalse(String value) {
        return value.trim().toLowerCase(Locale.ROOT).equals("false");
    }
}
