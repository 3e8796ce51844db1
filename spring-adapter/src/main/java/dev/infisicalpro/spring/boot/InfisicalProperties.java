package dev.infisicalpro.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The {@code infisical.*} settings (design §6) as Spring Boot binds them, for IDE completion and for
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

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHostApi() {
        return hostApi;
    }

    public void setHostApi(String hostApi) {
        this.hostApi = hostApi;
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getProjectSlug() {
        return projectSlug;
    }

    public void setProjectSlug(String projectSlug) {
        this.projectSlug = projectSlug;
    }

    public String getEnvSlug() {
        return envSlug;
    }

    public void setEnvSlug(String envSlug) {
        this.envSlug = envSlug;
    }

    public String getSecretsPath() {
        return secretsPath;
    }

    public void setSecretsPath(String secretsPath) {
        this.secretsPath = secretsPath;
    }

    public boolean isRecursive() {
        return recursive;
    }

    public void setRecursive(boolean recursive) {
        this.recursive = recursive;
    }

    public boolean isIncludeImports() {
        return includeImports;
    }

    public void setIncludeImports(boolean includeImports) {
        this.includeImports = includeImports;
    }

    public boolean isExpandSecretReferences() {
        return expandSecretReferences;
    }

    public void setExpandSecretReferences(boolean expandSecretReferences) {
        this.expandSecretReferences = expandSecretReferences;
    }

    public Duration getResyncInterval() {
        return resyncInterval;
    }

    public void setResyncInterval(Duration resyncInterval) {
        this.resyncInterval = resyncInterval;
    }

    public Duration getMaxStaleness() {
        return maxStaleness;
    }

    public void setMaxStaleness(Duration maxStaleness) {
        this.maxStaleness = maxStaleness;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

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

        /** Service token st.<id>.<secret>[.<key>]. Env: INFISICAL_TOKEN (when it starts with "st."). */
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

        public String getServiceToken() {
            return serviceToken;
        }

        public void setServiceToken(String serviceToken) {
            this.serviceToken = serviceToken;
        }

        public String getAccessToken() {
            return accessToken;
        }

        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
        }

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public String getCredentialsDir() {
            return credentialsDir;
        }

        public void setCredentialsDir(String credentialsDir) {
            this.credentialsDir = credentialsDir;
        }

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

        /** Machine identity id. Env: INFISICAL_MACHINE_IDENTITY_ID. */
        private String identityId;

        /** Service-account token file. */
        private String tokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

        public String getIdentityId() {
            return identityId;
        }

        public void setIdentityId(String identityId) {
            this.identityId = identityId;
        }

        public String getTokenPath() {
            return tokenPath;
        }

        public void setTokenPath(String tokenPath) {
            this.tokenPath = tokenPath;
        }
    }
}
