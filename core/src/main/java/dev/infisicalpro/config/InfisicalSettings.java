package dev.infisicalpro.config;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretQuery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration contract (design §6), read once and validated: the same property names for the
 * core, Spring and MicroProfile, mirroring the Kubernetes operator's {@code InfisicalSecret} fields.
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
 * {@link dev.infisicalpro.ConfigurationException} naming the keys to set. {@code toString()} shows
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

    /** Every property name of the contract, for adapters that enumerate them. */
    public static final List<String> ALL_KEYS = List.of(ENABLED, HOST_API, PROJECT_ID, PROJECT_SLUG, ENV_SLUG,
            SECRETS_PATH, RECURSIVE, INCLUDE_IMPORTS, EXPAND_SECRET_REFERENCES, RESYNC_INTERVAL, MAX_STALENESS,
            FAIL_FAST, AUTH_SERVICE_TOKEN, AUTH_ACCESS_TOKEN, AUTH_CLIENT_ID, AUTH_CLIENT_SECRET,
            AUTH_CREDENTIALS_DIR, AUTH_KUBERNETES_IDENTITY_ID, AUTH_KUBERNETES_TOKEN_PATH, ORDINAL);

    private InfisicalSettings() {
        throw new UnsupportedOperationException("implemented by the core work");
    }

    /**
     * Reads the contract from {@code properties} (contract names, e.g. {@code infisical.env-slug}),
     * then the environment variables listed in the contract (e.g. {@code INFISICAL_API_URL}) from
     * {@code environment}.
     */
    public static InfisicalSettings load(PropertyLookup properties, PropertyLookup environment) {
        throw new UnsupportedOperationException();
    }

    /** {@link #load} over system properties and the process environment. */
    public static InfisicalSettings fromSystem() {
        return load(PropertyLookup.systemProperties(), PropertyLookup.environmentVariables());
    }

    /** A copy with some contract properties replaced (e.g. Spring's {@code infisical:/path?env-slug=prod}). */
    public InfisicalSettings withOverrides(Map<String, String> overrides) {
        throw new UnsupportedOperationException();
    }

    /** {@code infisical.enabled}. */
    public boolean enabled() {
        throw new UnsupportedOperationException();
    }

    /** Normalised API root. */
    public String hostApi() {
        throw new UnsupportedOperationException();
    }

    /** Project by id or slug; {@link ProjectRef#fromToken()} when neither is set. */
    public ProjectRef project() {
        throw new UnsupportedOperationException();
    }

    /** Environment slug; empty when not set (a single-scope service token may supply it). */
    public Optional<String> envSlug() {
        throw new UnsupportedOperationException();
    }

    /** Folders in merge order. */
    public List<SecretPath> secretsPaths() {
        throw new UnsupportedOperationException();
    }

    /** recursive / include-imports / expand-secret-references. */
    public ListOptions listOptions() {
        throw new UnsupportedOperationException();
    }

    /** Background refresh period; zero = never. */
    public Duration resyncInterval() {
        throw new UnsupportedOperationException();
    }

    /** Max staleness; zero = never unhealthy. */
    public Duration maxStaleness() {
        throw new UnsupportedOperationException();
    }

    /** {@code infisical.fail-fast}. */
    public boolean failFast() {
        throw new UnsupportedOperationException();
    }

    /** MicroProfile ordinal (default 270). */
    public int ordinal() {
        throw new UnsupportedOperationException();
    }

    /** The one configured auth method. */
    public Credentials credentials() {
        throw new UnsupportedOperationException();
    }

    /** A client for these settings (no network call yet). */
    public InfisicalClient newClient() {
        throw new UnsupportedOperationException();
    }

    /**
     * The query of these settings. When no env-slug is set and the client's service token has exactly
     * one scope, that scope's environment is used (this may call the server once).
     */
    public SecretQuery query(InfisicalClient client) {
        throw new UnsupportedOperationException();
    }

    /** A configured, not yet started live view (resync interval, max staleness, fail-fast applied). */
    public LiveSecrets.Builder live(InfisicalClient client) {
        throw new UnsupportedOperationException();
    }

    /** {@code live(client).start()}. */
    public LiveSecrets startLive(InfisicalClient client) {
        return live(client).start();
    }
}
