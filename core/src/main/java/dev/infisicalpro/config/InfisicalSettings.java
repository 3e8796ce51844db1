package dev.infisicalpro.config;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretQuery;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.TokenScope;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// Over 400 lines because it is the one place that knows the configuration contract: every name with its
// Javadoc, the lookup order, parsing and the validation messages; splitting it would put the names in two
// places again. About a third is Javadoc.
/**
 * The configuration contract (the {@code infisical.*} names below; README.md, "Configuration", has the
 * table), read once and validated: the same property names for the core, Spring, MicroProfile and the
 * command line, mirroring the Kubernetes operator's {@code InfisicalSecret} fields.
 *
 * <pre>{@code
 * // system properties, then environment variables (INFISICAL_API_URL, INFISICAL_TOKEN, ...)
 * InfisicalSettings settings = InfisicalSettings.fromSystem();
 * try (InfisicalClient client = settings.newClient();
 *      LiveSecrets live = settings.startLive(client)) {
 *     String password = live.get("DB_PASSWORD");
 * }
 * }</pre>
 *
 * <p>Missing or conflicting settings (no auth method, two auth methods, no env-slug) fail with a
 * {@link dev.infisicalpro.ValidationException} naming the keys to set. {@code toString()} shows
 * no secret material.
 */
public final class InfisicalSettings {

    /** {@code infisical.enabled} (default true; adapters only). */
    public static final String ENABLED = "infisical.enabled";
    /** {@code infisical.host-api}; env {@code INFISICAL_API_URL}. */
    public static final String HOST_API = "infisical.host-api";
    /** {@code infisical.project-id}; env {@code INFISICAL_PROJECT_ID}. */
    public static final String PROJECT_ID = "infisical.project-id";
    /** {@code infisical.project-slug}. */
    public static final String PROJECT_SLUG = "infisical.project-slug";
    /** {@code infisical.env-slug}. */
    public static final String ENV_SLUG = "infisical.env-slug";
    /** {@code infisical.secrets-path} (comma-separated, later wins). */
    public static final String SECRETS_PATH = "infisical.secrets-path";
    /** {@code infisical.recursive}. */
    public static final String RECURSIVE = "infisical.recursive";
    /** {@code infisical.include-imports}. */
    public static final String INCLUDE_IMPORTS = "infisical.include-imports";
    /** {@code infisical.expand-secret-references}. */
    public static final String EXPAND_SECRET_REFERENCES = "infisical.expand-secret-references";
    /** {@code infisical.resync-interval} ({@code 60s}, {@code 5m}, ISO-8601, or plain seconds; 0 = never). */
    public static final String RESYNC_INTERVAL = "infisical.resync-interval";
    /** {@code infisical.max-staleness} (default 0 = never unhealthy). */
    public static final String MAX_STALENESS = "infisical.max-staleness";
    /** {@code infisical.fail-fast}. */
    public static final String FAIL_FAST = "infisical.fail-fast";
    /** {@code infisical.auth.service-token}; env {@code INFISICAL_TOKEN} when it starts with {@code st.}. */
    public static final String AUTH_SERVICE_TOKEN = "infisical.auth.service-token";
    /** {@code infisical.auth.access-token}; env {@code INFISICAL_TOKEN} otherwise. */
    public static final String AUTH_ACCESS_TOKEN = "infisical.auth.access-token";
    /** {@code infisical.auth.client-id}; env {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_ID}. */
    public static final String AUTH_CLIENT_ID = "infisical.auth.client-id";
    /** {@code infisical.auth.client-secret}; env {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET}. */
    public static final String AUTH_CLIENT_SECRET = "infisical.auth.client-secret";
    /** {@code infisical.auth.credentials-dir}. */
    public static final String AUTH_CREDENTIALS_DIR = "infisical.auth.credentials-dir";
    /** {@code infisical.auth.kubernetes.identity-id}; env {@code INFISICAL_MACHINE_IDENTITY_ID}. */
    public static final String AUTH_KUBERNETES_IDENTITY_ID = "infisical.auth.kubernetes.identity-id";
    /** {@code infisical.auth.kubernetes.token-path}. */
    public static final String AUTH_KUBERNETES_TOKEN_PATH = "infisical.auth.kubernetes.token-path";
    /** {@code infisical.ordinal} (MicroProfile only, default 270). */
    public static final String ORDINAL = "infisical.ordinal";
    /** {@code infisical.read-timeout} (default 30 s): longest wait for the next bytes of an answer. */
    public static final String READ_TIMEOUT = "infisical.read-timeout";
    /**
     * {@code infisical.call-timeout} (default three read timeouts): deadline of one request from connect
     * to the last byte. A fail-fast start waits at most about twice this (all retries of the first load).
     */
    public static final String CALL_TIMEOUT = "infisical.call-timeout";

    /** Every property name of the contract, for adapters that enumerate them. */
    public static final List<String> ALL_KEYS = List.of(ENABLED, HOST_API, PROJECT_ID, PROJECT_SLUG, ENV_SLUG,
            SECRETS_PATH, RECURSIVE, INCLUDE_IMPORTS, EXPAND_SECRET_REFERENCES, RESYNC_INTERVAL, MAX_STALENESS,
            FAIL_FAST, AUTH_SERVICE_TOKEN, AUTH_ACCESS_TOKEN, AUTH_CLIENT_ID, AUTH_CLIENT_SECRET,
            AUTH_CREDENTIALS_DIR, AUTH_KUBERNETES_IDENTITY_ID, AUTH_KUBERNETES_TOKEN_PATH, ORDINAL, READ_TIMEOUT,
            CALL_TIMEOUT);

    /** Keys whose values are secret material: never shown. */
    private static final Set<String> SECRET_KEYS = Set.of(AUTH_SERVICE_TOKEN, AUTH_ACCESS_TOKEN, AUTH_CLIENT_SECRET);

    /** Infisical's own environment variable names (CLI, SDKs, operator), read after the contract names. */
    private static final Map<String, String> ENV_ALIASES = Map.of(
            HOST_API, "INFISICAL_API_URL",
            PROJECT_ID, "INFISICAL_PROJECT_ID",
            AUTH_CLIENT_ID, "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
            AUTH_CLIENT_SECRET, "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
            AUTH_KUBERNETES_IDENTITY_ID, "INFISICAL_MACHINE_IDENTITY_ID");
    private static final String INFISICAL_TOKEN = "INFISICAL_TOKEN";

    /**
     * Infisical's own environment variable names (those of its CLI, SDKs and operator) that
     * {@link #load} reads besides the contract names in environment form: {@code INFISICAL_API_URL},
     * {@code INFISICAL_PROJECT_ID}, {@code INFISICAL_TOKEN}, {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_ID},
     * {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET}, {@code INFISICAL_MACHINE_IDENTITY_ID}. For adapters
     * that must know which variables matter (an import key, a sanitizer).
     *
     * <pre>{@code
     * boolean mentioned = InfisicalSettings.ENVIRONMENT_VARIABLES.stream().anyMatch(n -> System.getenv(n) != null);
     * }</pre>
     */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of(ENV_ALIASES.get(HOST_API),
            ENV_ALIASES.get(PROJECT_ID), INFISICAL_TOKEN, ENV_ALIASES.get(AUTH_CLIENT_ID),
            ENV_ALIASES.get(AUTH_CLIENT_SECRET), ENV_ALIASES.get(AUTH_KUBERNETES_IDENTITY_ID));

    /**
     * The properties any of which names an auth method (the Kubernetes token path alone is not one), for
     * adapters that tell a user what to set.
     *
     * <pre>{@code
     * log.info("set one of " + String.join(", ", InfisicalSettings.AUTH_PROPERTIES));
     * }</pre>
     */
    public static final List<String> AUTH_PROPERTIES = List.of(AUTH_SERVICE_TOKEN, AUTH_ACCESS_TOKEN, AUTH_CLIENT_ID,
            AUTH_CLIENT_SECRET, AUTH_CREDENTIALS_DIR, AUTH_KUBERNETES_IDENTITY_ID);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
    /**
     * The longest {@link #RESYNC_INTERVAL}: the bound of {@link LiveSecrets.Builder#resyncInterval}, checked here
     * so that the error names the setting (InfisicalSettingsTest holds the two bounds together).
     */
    private static final Duration MAX_RESYNC_INTERVAL = Duration.ofDays(365);

    /** Raw values by contract key. */
    private final Map<String, String> raw;
    /** Where each raw value came from, for messages (e.g. "INFISICAL_TOKEN (environment)"). */
    private final Map<String, String> origin;

    private final boolean enabled;
    private final String hostApi;
    private final ProjectRef project;
    private final Optional<String> envSlug;
    private final List<SecretPath> secretsPaths;
    private final ListOptions listOptions;
    private final Duration resyncInterval;
    private final Duration maxStaleness;
    private final boolean failFast;
    private final int ordinal;
    private final Optional<Duration> readTimeout;
    private final Optional<Duration> callTimeout;
    private final Credentials credentials;

    private InfisicalSettings(Map<String, String> raw, Map<String, String> origin) {
        this.raw = Map.copyOf(raw);
        this.origin = Map.copyOf(origin);
        this.enabled = bool(ENABLED, true);
        this.hostApi = dev.infisicalpro.internal.ApiPaths.normaliseHost(value(HOST_API).orElse(InfisicalClient.DEFAULT_HOST),
                from(HOST_API));
        this.project = project(value(PROJECT_ID), value(PROJECT_SLUG));
        this.envSlug = value(ENV_SLUG).map(String::trim);
        this.secretsPaths = paths(value(SECRETS_PATH).orElse("/"));
        this.listOptions = new ListOptions(bool(RECURSIVE, false), bool(INCLUDE_IMPORTS, true),
                bool(EXPAND_SECRET_REFERENCES, true));
        this.resyncInterval = duration(RESYNC_INTERVAL, Duration.ofSeconds(60), MAX_RESYNC_INTERVAL,
                "use at most 365 days, e.g. 60s or 5m; 0 means never");
        this.maxStaleness = duration(MAX_STALENESS, Duration.ZERO, null, "use e.g. 10m or 1h; 0 means never unhealthy");
        this.failFast = bool(FAIL_FAST, true);
        this.ordinal = integer(ORDINAL, 270);
        this.readTimeout = timeout(READ_TIMEOUT);
        this.callTimeout = timeout(CALL_TIMEOUT);
        // Disabled: nothing will be loaded, so missing credentials or env-slug are not an error.
        this.credentials = enabled ? credentials0() : null;
        if (enabled && envSlug.isEmpty() && !(credentials instanceof Credentials.ServiceToken)) {
            throw new ValidationException("no environment configured",
                    "set " + ENV_SLUG + " (e.g. dev, staging, prod); only a service token with a single scope can "
                            + "supply it");
        }
    }

    /**
     * Reads the contract from {@code properties} (contract names, e.g. {@code infisical.env-slug}),
     * then from {@code environment}: first the contract names in environment-variable form
     * ({@code INFISICAL_ENV_SLUG}, {@code INFISICAL_AUTH_CLIENT_ID}), then Infisical's own names
     * ({@code INFISICAL_API_URL}, {@code INFISICAL_PROJECT_ID}, {@code INFISICAL_TOKEN} — a service token
     * when it starts with {@code st.}, else an access token — {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_ID},
     * {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET}, {@code INFISICAL_MACHINE_IDENTITY_ID}).
     *
     * @param properties the application's configuration, read with the contract names
     * @param environment the process environment (or a stand-in in tests)
     * @return the validated settings
     * @throws ValidationException when settings are missing, conflicting or malformed
     */
    public static InfisicalSettings load(PropertyLookup properties, PropertyLookup environment) {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (String key : ALL_KEYS) {
            lookup(key, properties, environment).ifPresent(found -> {
                raw.put(key, found[0]);
                origin.put(key, found[1]);
            });
        }
        Optional<String> token = infisicalToken(environment);
        if (token.isPresent()) {
            String key = token.get().startsWith("st.") ? AUTH_SERVICE_TOKEN : AUTH_ACCESS_TOKEN;
            if (!raw.containsKey(key)) {
                raw.put(key, token.get());
                origin.put(key, INFISICAL_TOKEN + " (environment)");
            }
        }
        return new InfisicalSettings(raw, origin);
    }

    /**
     * One setting's value and where it came from ({@code [value, origin]}): the property, else its
     * environment form, else Infisical's own variable for it. Blank counts as absent.
     */
    private static Optional<String[]> lookup(String key, PropertyLookup properties, PropertyLookup environment) {
        Optional<String> v = properties.get(key).filter(x -> !x.isBlank());
        if (v.isPresent()) {
            return Optional.of(new String[] {v.get(), key});
        }
        String envName = environmentName(key);
        v = environment.get(envName).filter(x -> !x.isBlank());
        if (v.isPresent()) {
            return Optional.of(new String[] {v.get(), envName + " (environment)"});
        }
        String alias = ENV_ALIASES.get(key);
        if (alias != null) {
            v = environment.get(alias).filter(x -> !x.isBlank());
            if (v.isPresent()) {
                return Optional.of(new String[] {v.get(), alias + " (environment)"});
            }
        }
        return Optional.empty();
    }

    private static Optional<String> infisicalToken(PropertyLookup environment) {
        return environment.get(INFISICAL_TOKEN).map(String::trim).filter(x -> !x.isBlank());
    }

    /**
     * A contract property name in environment-variable form, the way {@link #load} reads it from the
     * environment: upper case, {@code .} and {@code -} as {@code _}.
     *
     * <pre>{@code
     * InfisicalSettings.environmentName("infisical.env-slug");       // "INFISICAL_ENV_SLUG"
     * InfisicalSettings.environmentName("infisical.auth.client-id"); // "INFISICAL_AUTH_CLIENT_ID"
     * }</pre>
     *
     * @param propertyName a contract name such as {@code infisical.env-slug}
     * @return the environment-variable form, e.g. {@code INFISICAL_ENV_SLUG}
     */
    public static String environmentName(String propertyName) {
        return propertyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * True when an auth method is named in any form {@link #load} reads: an auth property
     * ({@link #AUTH_SERVICE_TOKEN}, {@link #AUTH_ACCESS_TOKEN}, {@link #AUTH_CLIENT_ID},
     * {@link #AUTH_CLIENT_SECRET}, {@link #AUTH_CREDENTIALS_DIR}, {@link #AUTH_KUBERNETES_IDENTITY_ID}),
     * its environment form ({@code INFISICAL_AUTH_CLIENT_ID}, ...), or Infisical's own variables
     * ({@code INFISICAL_TOKEN}, {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_ID}, ...). Blank values do not
     * count. Whether the settings are complete and consistent is for {@link #load} to say; this is the
     * cheap "should the adapter try at all" test.
     *
     * <pre>{@code
     * if (InfisicalSettings.authConfigured(props, PropertyLookup.environmentVariables())) {
     *     settings = InfisicalSettings.load(props, PropertyLookup.environmentVariables());
     * }
     * }</pre>
     *
     * @param properties the application's configuration, read with the contract names
     * @param environment the process environment
     * @return whether any auth method is named (settings may still be incomplete)
     */
    public static boolean authConfigured(PropertyLookup properties, PropertyLookup environment) {
        for (String key : AUTH_PROPERTIES) {
            if (lookup(key, properties, environment).isPresent()) {
                return true;
            }
        }
        return infisicalToken(environment).isPresent();
    }

    /**
     * True when {@link #ENABLED} is {@code false} in any form {@link #load} reads: the cheap "stay out of
     * the way" test an adapter makes before anything else (the other settings are not read or checked).
     *
     * <pre>{@code
     * if (InfisicalSettings.disabled(props, PropertyLookup.environmentVariables())) {
     *     return Optional.empty();
     * }
     * }</pre>
     *
     * @param properties  contract names
     * @param environment environment variables
     * @return whether Infisical is switched off
     */
    public static boolean disabled(PropertyLookup properties, PropertyLookup environment) {
        return lookup(ENABLED, properties, environment)
                .map(found -> found[0].trim().toLowerCase(Locale.ROOT).equals("false")).orElse(false);
    }

    /**
     * {@link #load} over system properties and the process environment.
     *
     * @return the validated settings of this JVM
     * @throws ValidationException when settings are missing, conflicting or malformed
     */
    public static InfisicalSettings fromSystem() {
        return load(PropertyLookup.systemProperties(), PropertyLookup.environmentVariables());
    }

    /**
     * A copy with some contract properties replaced (e.g. Spring's {@code infisical:/path?env-slug=prod}).
     *
     * @param overrides contract name to value; a {@code null} or blank value removes the setting
     * @return new validated settings; these stay unchanged
     * @throws ValidationException when a name is not a contract name, or the result is invalid
     */
    public InfisicalSettings withOverrides(Map<String, String> overrides) {
        Map<String, String> r = new LinkedHashMap<>(raw);
        Map<String, String> o = new LinkedHashMap<>(origin);
        overrides.forEach((k, v) -> {
            if (!ALL_KEYS.contains(k)) {
                // a key people typed: quoted only when it has the shape of a setting name (never a token)
                String shown = k != null && k.matches("[a-z][a-z0-9.-]{0,60}") && !k.startsWith("st.") ? " '" + k + "'" : "";
                throw new ValidationException("unknown setting" + shown, "use one of " + ALL_KEYS);
            }
            if (v == null || v.isBlank()) {
                r.remove(k);
                o.remove(k);
            } else {
                r.put(k, v);
                o.put(k, k + " (override)");
            }
        });
        return new InfisicalSettings(r, o);
    }

    /**
     * {@code infisical.enabled}.
     *
     * @return whether Infisical is used at all (adapters stay out of the way when false)
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Normalised API root.
     *
     * @return the API root, ending in {@code /api}
     */
    public String hostApi() {
        return hostApi;
    }

    /**
     * Project by id or slug; {@link ProjectRef#fromToken()} when neither is set.
     *
     * @return the configured project reference
     */
    public ProjectRef project() {
        return project;
    }

    /**
     * Environment slug; empty when not set (a single-scope service token may supply it).
     *
     * @return the trimmed environment slug, or empty
     */
    public Optional<String> envSlug() {
        return envSlug;
    }

    /**
     * Folders in merge order.
     *
     * @return the folders of {@code infisical.secrets-path}, at least the root
     */
    public List<SecretPath> secretsPaths() {
        return secretsPaths;
    }

    /**
     * recursive / include-imports / expand-secret-references.
     *
     * @return the list options every folder is read with
     */
    public ListOptions listOptions() {
        return listOptions;
    }

    /**
     * Background refresh period; zero = never.
     *
     * @return zero, or a positive duration of at most a year
     */
    public Duration resyncInterval() {
        return resyncInterval;
    }

    /**
     * Max staleness; zero = never unhealthy.
     *
     * @return zero, or a positive duration
     */
    public Duration maxStaleness() {
        return maxStaleness;
    }

    /**
     * {@code infisical.fail-fast}.
     *
     * @return whether a failed first load is an error (else the view starts empty and keeps trying)
     */
    public boolean failFast() {
        return failFast;
    }

    /**
     * MicroProfile ordinal (default 270).
     *
     * @return the ordinal of the MicroProfile config source
     */
    public int ordinal() {
        return ordinal;
    }

    /**
     * The one configured auth method.
     *
     * @return the credentials of the single auth method configured
     * @throws ValidationException when {@code infisical.enabled} is false (credentials are then not read)
     */
    public Credentials credentials() {
        if (credentials == null) {
            throw new ValidationException(ENABLED + " is false", "set " + ENABLED + "=true to use Infisical");
        }
        return credentials;
    }

    /**
     * {@code infisical.read-timeout}.
     *
     * @return the setting; empty when not set (the client's default applies)
     */
    public Optional<Duration> readTimeout() {
        return readTimeout;
    }

    /**
     * {@code infisical.call-timeout}.
     *
     * @return the setting; empty when not set (the client's default applies)
     */
    public Optional<Duration> callTimeout() {
        return callTimeout;
    }

    /**
     * A client for these settings (no network call yet).
     *
     * @return a new client; the caller closes it
     * @throws ValidationException when {@code infisical.enabled} is false
     */
    public InfisicalClient newClient() {
        return clientBuilder().build();
    }

    /**
     * A client builder with these settings applied (host, credentials, timeouts), for adapters that add
     * their own parts (a warning sink) before building; every setting that shapes the client lives here.
     *
     * <pre>{@code
     * InfisicalClient client = settings.clientBuilder().userAgent("my-app").build();
     * }</pre>
     *
     * @return a new builder with host, credentials and the timeouts set
     * @throws ValidationException when {@code infisical.enabled} is false
     */
    public InfisicalClient.Builder clientBuilder() {
        InfisicalClient.Builder b = InfisicalClient.builder().host(hostApi).credentials(credentials());
        readTimeout.ifPresent(b::readTimeout);
        callTimeout.ifPresent(b::callTimeout);
        return b;
    }

    /**
     * The query of these settings. When no env-slug is set and the client's service token has exactly
     * one scope, that scope's environment is used (this may call the server once).
     *
     * @param client the client the query will run on (asked for its service token's scopes when needed)
     * @return the project, environment, folders and list options to load
     * @throws ValidationException when no environment can be determined
     */
    public SecretQuery query(InfisicalClient client) {
        String env = envSlug.orElseGet(() -> environmentFromToken(client));
        return new SecretQuery(project, env, secretsPaths, listOptions);
    }

    private static String environmentFromToken(InfisicalClient client) {
        Optional<ServiceTokenInfo> info = client.serviceTokenInfo();
        if (info.isPresent()) {
            Set<String> envs = new LinkedHashSet<>();
            for (TokenScope s : info.get().scopes()) {
                envs.add(s.environment());
            }
            if (envs.size() == 1) {
                return envs.iterator().next();
            }
            throw new ValidationException("no environment configured and the service token covers "
                    + (envs.isEmpty() ? "no environment" : "environments " + envs),
                    "set " + ENV_SLUG + " to one of them");
        }
        throw new ValidationException("no environment configured", "set " + ENV_SLUG + " (e.g. dev, staging, prod)");
    }

    /**
     * A configured, not yet started live view (resync interval, max staleness, fail-fast applied).
     *
     * @param client the client that loads and refreshes
     * @return a builder the caller may still adjust before {@code start()}
     */
    public LiveSecrets.Builder live(InfisicalClient client) {
        return client.live(query(client)).resyncInterval(resyncInterval).maxStaleness(maxStaleness)
                .failFast(failFast);
    }

    /**
     * {@code live(client).start()}.
     *
     * @param client the client that loads and refreshes
     * @return the started view; the caller closes it
     */
    public LiveSecrets startLive(InfisicalClient client) {
        return live(client).start();
    }

    // ------------------------------------------------------------------ parsing

    private Optional<String> value(String key) {
        return Optional.ofNullable(raw.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String from(String key) {
        return origin.getOrDefault(key, key);
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> v = value(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw new ValidationException(from(key) + " is not a boolean" + harmless(v.get()), "use true or false");
    }

    private int integer(String key, int fallback) {
        Optional<String> v = value(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new ValidationException(from(key) + " is not a whole number" + harmless(v.get()), "e.g. 270");
        }
    }

    /**
     * A duration setting, at most {@code max} when one is given. Errors name the setting and the rule; an
     * out-of-range value is never quoted (it may be something else pasted into the wrong variable).
     */
    private Duration duration(String key, Duration fallback, Duration max, String rangeRule) {
        Optional<String> v = value(key);
        if (v.isEmpty()) {
            return fallback;
        }
        Duration d;
        try {
            d = parseDuration(v.get()).orElseThrow(() -> new ValidationException(from(key) + " is not a duration"
                    + harmless(v.get()), "write e.g. 60s, 5m, 1h, PT60S or plain seconds (60); 0 means never"));
        } catch (ArithmeticException e) {
            // a number of days or hours too large for a Duration
            throw new ValidationException(from(key) + " is out of range", rangeRule);
        }
        if (max != null && d.compareTo(max) > 0) {
            throw new ValidationException(from(key) + " is out of range", rangeRule);
        }
        return d;
    }

    /**
     * A network deadline when set: 1 ms to 24 h (zero would mean "no deadline" to the HTTP client, and it
     * refuses sub-millisecond and multi-week values).
     */
    private Optional<Duration> timeout(String key) {
        if (value(key).isEmpty()) {
            return Optional.empty();
        }
        String rule = "every network call has a deadline: 1ms to 24h, e.g. 10s, 500ms or PT10S";
        Duration d = duration(key, Duration.ZERO, Duration.ofHours(24), rule);
        if (d.compareTo(Duration.ofMillis(1)) < 0) {
            throw new ValidationException(from(key) + " is out of range", rule);
        }
        return Optional.of(d);
    }

    /**
     * {@code 60s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 500ms}, ISO-8601 {@code PT60S}, or plain seconds.
     *
     * @throws ArithmeticException when the number is too large for a {@link Duration}
     */
    private static Optional<Duration> parseDuration(String text) {
        String t = text.trim();
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        });
    }

    /**
     * The value for an error message, only when it is provably harmless: one of a few short words
     * people write for booleans and durations. Anything else (it may be a token pasted into the
     * wrong variable) is never quoted: errors name the setting and the rule.
     */
    private static String harmless(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return HARMLESS_WORDS.contains(v) ? " ('" + v + "')" : "";
    }

    private static final Set<String> HARMLESS_WORDS = Set.of("yes", "no", "on", "off", "y", "n", "t", "f", "1", "0",
            "enabled", "disabled", "enable", "disable", "never", "none", "null", "default", "always", "auto");

    private ProjectRef project(Optional<String> id, Optional<String> slug) {
        if (id.isPresent() && slug.isPresent()) {
            throw new ValidationException("both " + from(PROJECT_ID) + " and " + from(PROJECT_SLUG) + " are set",
                    "set only one of " + PROJECT_ID + " and " + PROJECT_SLUG);
        }
        if (id.isPresent()) {
            return ProjectRef.id(id.get());
        }
        return slug.map(ProjectRef::slug).orElse(ProjectRef.fromToken());
    }

    private List<SecretPath> paths(String text) {
        List<SecretPath> out = new ArrayList<>();
        String[] parts = text.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(SecretPath.of(part));
            } catch (InfisicalException e) {
                throw new ValidationException(from(SECRETS_PATH) + " has an invalid folder path"
                        + (parts.length > 1 ? " (entry " + (i + 1) + " of " + parts.length + ")" : ""),
                        e.hint().orElse("use folder names of letters, digits, '_' and '-'"));
            }
        }
        return out.isEmpty() ? List.of(SecretPath.ROOT) : List.copyOf(out);
    }

    private Credentials credentials0() {
        for (String key : List.of(AUTH_SERVICE_TOKEN, AUTH_ACCESS_TOKEN, AUTH_CLIENT_SECRET)) {
            String v = value(key).orElse("").toLowerCase(Locale.ROOT);
            if (v.startsWith("http://") || v.startsWith("https://")) {
                throw new ValidationException(from(key) + " holds a URL, not a credential",
                        "were INFISICAL_API_URL and INFISICAL_TOKEN swapped? The server's URL belongs in "
                                + HOST_API + " (INFISICAL_API_URL)");
            }
        }
        List<String> methods = new ArrayList<>();
        if (value(AUTH_SERVICE_TOKEN).isPresent()) {
            methods.add(from(AUTH_SERVICE_TOKEN));
        }
        if (value(AUTH_ACCESS_TOKEN).isPresent()) {
            methods.add(from(AUTH_ACCESS_TOKEN));
        }
        boolean ua = value(AUTH_CLIENT_ID).isPresent() || value(AUTH_CLIENT_SECRET).isPresent();
        if (ua) {
            methods.add(value(AUTH_CLIENT_ID).isPresent() ? from(AUTH_CLIENT_ID) : from(AUTH_CLIENT_SECRET));
        }
        if (value(AUTH_CREDENTIALS_DIR).isPresent()) {
            methods.add(from(AUTH_CREDENTIALS_DIR));
        }
        if (value(AUTH_KUBERNETES_IDENTITY_ID).isPresent()) {
            methods.add(from(AUTH_KUBERNETES_IDENTITY_ID));
        }
        if (methods.isEmpty()) {
            throw new ValidationException("no authentication method configured",
                    "set exactly one of: " + AUTH_CLIENT_ID + " + " + AUTH_CLIENT_SECRET + " (universal auth), "
                            + AUTH_SERVICE_TOKEN + ", " + AUTH_ACCESS_TOKEN + ", " + AUTH_CREDENTIALS_DIR + ", or "
                            + AUTH_KUBERNETES_IDENTITY_ID + " (environment: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID + "
                            + "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET, INFISICAL_TOKEN, INFISICAL_MACHINE_IDENTITY_ID)");
        }
        if (methods.size() > 1) {
            throw new ValidationException("more than one authentication method configured: " + methods,
                    "keep exactly one and remove the others");
        }
        if (value(AUTH_SERVICE_TOKEN).isPresent()) {
            return Credentials.serviceToken(value(AUTH_SERVICE_TOKEN).get());
        }
        if (value(AUTH_ACCESS_TOKEN).isPresent()) {
            return Credentials.accessToken(value(AUTH_ACCESS_TOKEN).get());
        }
        if (ua) {
            if (value(AUTH_CLIENT_ID).isEmpty()) {
                throw new ValidationException(from(AUTH_CLIENT_SECRET) + " is set but no client id",
                        "set " + AUTH_CLIENT_ID + " (or INFISICAL_UNIVERSAL_AUTH_CLIENT_ID)");
            }
            if (value(AUTH_CLIENT_SECRET).isEmpty()) {
                throw new ValidationException(from(AUTH_CLIENT_ID) + " is set but no client secret",
                        "set " + AUTH_CLIENT_SECRET + " (or INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET)");
            }
            return Credentials.universalAuth(value(AUTH_CLIENT_ID).get(), value(AUTH_CLIENT_SECRET).get());
        }
        if (value(AUTH_CREDENTIALS_DIR).isPresent()) {
            return Credentials.fromDirectory(Path.of(value(AUTH_CREDENTIALS_DIR).get()));
        }
        Path tokenPath = value(AUTH_KUBERNETES_TOKEN_PATH).map(Path::of).orElse(Credentials.DEFAULT_KUBERNETES_TOKEN_PATH);
        return Credentials.kubernetes(value(AUTH_KUBERNETES_IDENTITY_ID).get(), tokenPath);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("InfisicalSettings[");
        boolean first = true;
        for (String key : ALL_KEYS) {
            if (!raw.containsKey(key)) {
                continue;
            }
            sb.append(first ? "" : ", ").append(key).append('=').append(SECRET_KEYS.contains(key) ? "***" : raw.get(key));
            first = false;
        }
        return sb.append(']').toString();
    }
}
