package dev.infisicalpro.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

// Over 400 lines because Boot binds through one documented getter and setter per setting (about twenty,
// in nested Auth and Kubernetes groups); most of the file is that Javadoc.
/**
 * The {@code infisical.*} settings as Spring Boot binds them, for IDE completion and for
 * injection. The library reads the same names through {@code InfisicalSettings}; this class only
 * documents and exposes them. Environment variables work with relaxed binding
 * ({@code INFISICAL_ENV_SLUG}) and under the Infisical names ({@code INFISICAL_API_URL},
 * {@code INFISICAL_TOKEN}, ...).
 *
 * <pre>{@code
 * spring.config.import=infisical:/app
 * infisical.host-api=https://infisical.example.com
 * infisical.env-slug=prod
 * infisical.auth.client-id=${INFISICAL_UNIVERSAL_AUTH_CLIENT_ID}
 * infisical.auth.client-secret=${INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET}
 * }</pre>
 */
@ConfigurationProperties(prefix = "infisical")
public class InfisicalProperties {
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalProperties() {
    }

    /** Whether the Infisical import and auto-configuration are active. */
    private boolean enabled = true;

    /** API root of the Infisical server; "/api" is optional. Env: INFISICAL_API_URL. */
    private String hostApi = "https://app.infisical.com/api";

    /** Project (workspace) id; a service token supplies it. Env: INFISICAL_PROJECT_ID. */
    private String projectId;

    /** Project slug, an alternative to the project id. */
    private String projectSlug;

    /** Environment slug such as dev or prod. Required unless a single-scope service token supplies it. */
    private String envSlug;

    /** Folder to load; a comma-separated list loads several, later wins. */
    private String secretsPath = "/";

    /** Whether sub-folders are included. */
    private boolean recursive = false;

    /** Whether imported secrets are included. */
    private boolean includeImports = true;

    /** Whether ${...} secret references are expanded. */
    private boolean expandSecretReferences = true;

    /** Background refresh period; 0 means never. */
    private Duration resyncInterval = Duration.ofSeconds(60);

    /** Age of the last good load after which health turns DOWN; 0 means never. */
    private Duration maxStaleness = Duration.ZERO;

    /** Whether startup fails when the secrets cannot be loaded (optional: imports never fail). */
    private boolean failFast = true;

    /** Longest wait for the next bytes of an answer. */
    private Duration readTimeout = Duration.ofSeconds(30);

    /**
     * Deadline of one request from connect to the last byte (default three read timeouts); a fail-fast
     * import waits at most about twice this.
     */
    private Duration callTimeout;

    /** Authentication; configure exactly one method. */
    private final Auth auth = new Auth();

    /**
     * Whether the Infisical import and auto-configuration are active.
     *
     * @return the {@code infisical.enabled} setting
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets {@code infisical.enabled}.
     *
     * @param enabled whether the Infisical import and auto-configuration are active
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * API root of the Infisical server; "/api" is optional. Env: INFISICAL_API_URL.
     *
     * @return the {@code infisical.host-api} setting
     */
    public String getHostApi() {
        return hostApi;
    }

    /**
     * Sets {@code infisical.host-api}.
     *
     * @param hostApi API root of the Infisical server; "/api" is optional. Env: INFISICAL_API_URL
     */
    public void setHostApi(String hostApi) {
        this.hostApi = hostApi;
    }

    /**
     * Project (workspace) id; a service token supplies it. Env: INFISICAL_PROJECT_ID.
     *
     * @return the {@code infisical.project-id} setting
     */
    public String getProjectId() {
        return projectId;
    }

    /**
     * Sets {@code infisical.project-id}.
     *
     * @param projectId project (workspace) id; a service token supplies it. Env: INFISICAL_PROJECT_ID
     */
    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    /**
     * Project slug, an alternative to the project id.
     *
     * @return the {@code infisical.project-slug} setting
     */
    public String getProjectSlug() {
        return projectSlug;
    }

    /**
     * Sets {@code infisical.project-slug}.
     *
     * @param projectSlug project slug, an alternative to the project id
     */
    public void setProjectSlug(String projectSlug) {
        this.projectSlug = projectSlug;
    }

    /**
     * Environment slug such as dev or prod. Required unless a single-scope service token supplies it.
     *
     * @return the {@code infisical.env-slug} setting
     */
    public String getEnvSlug() {
        return envSlug;
    }

    /**
     * Sets {@code infisical.env-slug}.
     *
     * @param envSlug environment slug such as dev or prod. Required unless a single-scope service token
     *     supplies it
     */
    public void setEnvSlug(String envSlug) {
        this.envSlug = envSlug;
    }

    /**
     * Folder to load; a comma-separated list loads several, later wins.
     *
     * @return the {@code infisical.secrets-path} setting
     */
    public String getSecretsPath() {
        return secretsPath;
    }

    /**
     * Sets {@code infisical.secrets-path}.
     *
     * @param secretsPath folder to load; a comma-separated list loads several, later wins
     */
    public void setSecretsPath(String secretsPath) {
        this.secretsPath = secretsPath;
    }

    /**
     * Whether sub-folders are included.
     *
     * @return the {@code infisical.recursive} setting
     */
    public boolean isRecursive() {
        return recursive;
    }

    /**
     * Sets {@code infisical.recursive}.
     *
     * @param recursive whether sub-folders are included
     */
    public void setRecursive(boolean recursive) {
        this.recursive = recursive;
    }

    /**
     * Whether imported secrets are included.
     *
     * @return the {@code infisical.include-imports} setting
     */
    public boolean isIncludeImports() {
        return includeImports;
    }

    /**
     * Sets {@code infisical.include-imports}.
     *
     * @param includeImports whether imported secrets are included
     */
    public void setIncludeImports(boolean includeImports) {
        this.includeImports = includeImports;
    }

    /**
     * Whether ${...} secret references are expanded.
     *
     * @return the {@code infisical.expand-secret-references} setting
     */
    public boolean isExpandSecretReferences() {
        return expandSecretReferences;
    }

    /**
     * Sets {@code infisical.expand-secret-references}.
     *
     * @param expandSecretReferences whether ${...} secret references are expanded
     */
    public void setExpandSecretReferences(boolean expandSecretReferences) {
        this.expandSecretReferences = expandSecretReferences;
    }

    /**
     * Background refresh period; 0 means never.
     *
     * @return the {@code infisical.resync-interval} setting
     */
    public Duration getResyncInterval() {
        return resyncInterval;
    }

    /**
     * Sets {@code infisical.resync-interval}.
     *
     * @param resyncInterval background refresh period; 0 means never
     */
    public void setResyncInterval(Duration resyncInterval) {
        this.resyncInterval = resyncInterval;
    }

    /**
     * Age of the last good load after which health turns DOWN; 0 means never.
     *
     * @return the {@code infisical.max-staleness} setting
     */
    public Duration getMaxStaleness() {
        return maxStaleness;
    }

    /**
     * Sets {@code infisical.max-staleness}.
     *
     * @param maxStaleness age of the last good load after which health turns DOWN; 0 means never
     */
    public void setMaxStaleness(Duration maxStaleness) {
        this.maxStaleness = maxStaleness;
    }

    /**
     * Whether startup fails when the secrets cannot be loaded (optional: imports never fail).
     *
     * @return the {@code infisical.fail-fast} setting
     */
    public boolean isFailFast() {
        return failFast;
    }

    /**
     * Sets {@code infisical.fail-fast}.
     *
     * @param failFast whether startup fails when the secrets cannot be loaded (optional: imports never fail)
     */
    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    /**
     * Longest wait for the next bytes of an answer.
     *
     * @return the {@code infisical.read-timeout} setting
     */
    public Duration getReadTimeout() {
        return readTimeout;
    }

    /**
     * Sets {@code infisical.read-timeout}.
     *
     * @param readTimeout longest wait for the next bytes of an answer
     */
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /**
     * Deadline of one request from connect to the last byte; null means three read timeouts.
     *
     * @return the {@code infisical.call-timeout} setting
     */
    public Duration getCallTimeout() {
        return callTimeout;
    }

    /**
     * Sets {@code infisical.call-timeout}.
     *
     * @param callTimeout deadline of one request from connect to the last byte
     */
    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /**
     * Authentication; configure exactly one method.
     *
     * @return the {@code infisical.auth.*} settings
     */
    public Auth getAuth() {
        return auth;
    }

    @Override
    public String toString() {
        return "InfisicalProperties[hostApi=" + hostApi + ", envSlug=" + envSlug + ", secretsPath=" + secretsPath
                + ", auth=***]";
    }

    /** Authentication settings; exactly one method must be configured. */
    public static class Auth {
        /** Creates an instance; Spring Boot does this, applications need not. */
        public Auth() {
        }

        /** Service token {@code st.<id>.<secret>[.<key>]}. Env: INFISICAL_TOKEN (when it starts with "st."). */
        private String serviceToken;

        /** A ready access token. Env: INFISICAL_TOKEN (otherwise). */
        private String accessToken;

        /** Universal auth client id. Env: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID. */
        private String clientId;

        /** Universal auth client secret. Env: INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET. */
        private String clientSecret;

        /** Folder mounted from a Kubernetes Secret with files clientId + clientSecret, or infisicalToken. */
        private String credentialsDir;

        /** Kubernetes auth. */
        private final Kubernetes kubernetes = new Kubernetes();

        /**
         * Service token {@code st.<id>.<secret>[.<key>]}. Env: INFISICAL_TOKEN (when it starts with "st.").
         *
         * @return the {@code infisical.auth.service-token} setting
         */
        public String getServiceToken() {
            return serviceToken;
        }

        /**
         * Sets {@code infisical.auth.service-token}.
         *
         * @param serviceToken service token {@code st.<id>.<secret>[.<key>]}. Env: INFISICAL_TOKEN (when it starts with
         *     "st.")
         */
        public void setServiceToken(String serviceToken) {
            this.serviceToken = serviceToken;
        }

        /**
         * A ready access token. Env: INFISICAL_TOKEN (otherwise).
         *
         * @return the {@code infisical.auth.access-token} setting
         */
        public String getAccessToken() {
            return accessToken;
        }

        /**
         * Sets {@code infisical.auth.access-token}.
         *
         * @param accessToken A ready access token. Env: INFISICAL_TOKEN (otherwise)
         */
        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
        }

        /**
         * Universal auth client id. Env: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID.
         *
         * @return the {@code infisical.auth.client-id} setting
         */
        public String getClientId() {
            return clientId;
        }

        /**
         * Sets {@code infisical.auth.client-id}.
         *
         * @param clientId universal auth client id. Env: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID
         */
        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        /**
         * Universal auth client secret. Env: INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET.
         *
         * @return the {@code infisical.auth.client-secret} setting
         */
        public String getClientSecret() {
            return clientSecret;
        }

        /**
         * Sets {@code infisical.auth.client-secret}.
         *
         * @param clientSecret universal auth client secret. Env: INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET
         */
        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        /**
         * Folder mounted from a Kubernetes Secret with files clientId + clientSecret, or infisicalToken.
         *
         * @return the {@code infisical.auth.credentials-dir} setting
         */
        public String getCredentialsDir() {
            return credentialsDir;
        }

        /**
         * Sets {@code infisical.auth.credentials-dir}.
         *
         * @param credentialsDir folder mounted from a Kubernetes Secret with files clientId + clientSecret, or
         *     infisicalToken
         */
        public void setCredentialsDir(String credentialsDir) {
            this.credentialsDir = credentialsDir;
        }

        /**
         * Kubernetes auth.
         *
         * @return the {@code infisical.auth.kubernetes.*} settings
         */
        public Kubernetes getKubernetes() {
            return kubernetes;
        }

        @Override
        public String toString() {
            return "Auth[***]";
        }
    }

    /** Kubernetes auth settings. */
    public static class Kubernetes {
        /** Creates an instance; Spring Boot does this, applications need not. */
        public Kubernetes() {
        }

        /** Machine identity id. Env: INFISICAL_MACHINE_IDENTITY_ID. */
        private String identityId;

        /** Service-account token file. */
        private String tokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

        /**
         * Machine identity id. Env: INFISICAL_MACHINE_IDENTITY_ID.
         *
         * @return the {@code infisical.auth.kubernetes.identity-id} setting
         */
        public String getIdentityId() {
            return identityId;
        }

        /**
         * Sets {@code infisical.auth.kubernetes.identity-id}.
         *
         * @param identityId machine identity id. Env: INFISICAL_MACHINE_IDENTITY_ID
         */
        public void setIdentityId(String identityId) {
            this.identityId = identityId;
        }

        /**
         * Service-account token file.
         *
         * @return the {@code infisical.auth.kubernetes.token-path} setting
         */
        public String getTokenPath() {
            return tokenPath;
        }

        /**
         * Sets {@code infisical.auth.kubernetes.token-path}.
         *
         * @param tokenPath service-account token file
         */
        public void setTokenPath(String tokenPath) {
            this.tokenPath = tokenPath;
        }
    }
}
