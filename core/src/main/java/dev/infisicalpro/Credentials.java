package dev.infisicalpro;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the client authenticates. Exactly one kind per client; {@code toString()} never shows secret
 * material.
 *
 * <pre>{@code
 * Credentials.universalAuth(clientId, clientSecret);        // machine identity
 * Credentials.serviceToken("st.abc.def.ghi");                // legacy service token
 * Credentials.kubernetes(identityId, Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
 * Credentials.accessToken(jwt);                              // token obtained elsewhere
 * Credentials.fromDirectory(Path.of("/etc/infisical"));      // mounted Kubernetes Secret
 * }</pre>
 */
public sealed interface Credentials
        permits Credentials.ServiceToken, Credentials.UniversalAuth, Credentials.Kubernetes, Credentials.AccessToken {

    /** Default location of the Kubernetes service-account token. */
    Path DEFAULT_KUBERNETES_TOKEN_PATH = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /**
     * A service token {@code st.<id>.<secret>[.<key>]}.
     *
     * @param token the whole service token as Infisical shows it, {@code st.<id>.<secret>} with an optional
     *     {@code .<key>} part; whitespace is removed
     * @return service-token credentials; the client describes the token once to learn its project and scopes
     * @throws ValidationException when the token is blank or not of the form {@code st.<id>.<secret>[.<key>]}
     */
    static Credentials serviceToken(String token) {
        return new ServiceToken(token);
    }

    /**
     * Universal auth (machine identity) client id and client secret.
     *
     * @param clientId the machine identity's universal-auth client id
     * @param clientSecret its client secret (kept out of {@code toString()} and messages)
     * @return universal-auth credentials; the client logs in lazily and renews the access token itself
     * @throws ValidationException when either text is blank or holds characters an HTTP header cannot carry
     */
    static Credentials universalAuth(String clientId, String clientSecret) {
        return new UniversalAuth(clientId, clientSecret);
    }

    /**
     * Kubernetes auth: identity id plus the service-account JWT file, re-read at each login.
     *
     * @param identityId the machine identity id configured for Kubernetes auth
     * @param tokenPath the service-account JWT file, usually {@link #DEFAULT_KUBERNETES_TOKEN_PATH}
     * @return Kubernetes-auth credentials
     * @throws ValidationException when the identity id is blank
     */
    static Credentials kubernetes(String identityId, Path tokenPath) {
        return new Kubernetes(identityId, tokenPath);
    }

    /**
     * A ready identity access token, used as is (no login, no renewal).
     *
     * @param token an identity access token obtained elsewhere (not a service token)
     * @return access-token credentials; when the token expires, requests fail with {@link AuthenticationException}
     * @throws ValidationException when the token is blank or is a service token ({@code st.})
     */
    static Credentials accessToken(String token) {
        return new AccessToken(token);
    }

    /**
     * Reads a folder mounted from a Kubernetes Secret with the operator's key names: files
     * {@code clientId} and {@code clientSecret}, or {@code infisicalToken}. Other spellings such as
     * {@code client_id} are rejected with a message naming the right keys.
     *
     * @param directory the mounted folder, e.g. {@code /etc/infisical}
     * @return universal-auth credentials for {@code clientId}/{@code clientSecret}, else token credentials
     *     for {@code infisicalToken}
     * @throws ValidationException when the folder has no usable keys
     */
    static Credentials fromDirectory(Path directory) {
        return dev.infisicalpro.internal.CredentialsDirectory.read(directory);
    }

    /**
     * Service token.
     *
     * @param token {@code st.<id>.<secret>[.<key>]}
     */
    record ServiceToken(String token) implements Credentials {
        /**
         * Validates the shape without revealing the value.
         *
         * @param token the whole token; whitespace is removed before the shape is checked
         */
        public ServiceToken {
            token = requireHeaderSafe(requireText(token, "service token", "infisical.auth.service-token")
                    .replaceAll("\\s", ""), "service token", "infisical.auth.service-token");
            String[] parts = token.split("\\.");
            if (parts.length < 3 || !parts[0].equals("st") || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new ValidationException("service token is not of the form st.<id>.<secret>[.<key>]",
                        "copy the whole token from Infisical (Project settings > Service tokens)");
            }
        }

        /**
         * The token id (not secret), useful in messages.
         *
         * @return the second part of {@code st.<id>.<secret>}, safe to show
         */
        public String tokenId() {
            return token.split("\\.")[1];
        }

        @Override
        public String toString() {
            return "ServiceToken[id=" + tokenId() + ", secret=***]";
        }
    }

    /**
     * Universal auth.
     *
     * @param clientId client id
     * @param clientSecret client secret
     */
    record UniversalAuth(String clientId, String clientSecret) implements Credentials {
        /**
         * Validates.
         *
         * @param clientId client id, trimmed
         * @param clientSecret client secret, trimmed
         */
        public UniversalAuth {
            clientId = requireHeaderSafe(requireText(clientId, "client id", "infisical.auth.client-id").trim(),
                    "client id", "infisical.auth.client-id");
            clientSecret = requireHeaderSafe(requireText(clientSecret, "client secret", "infisical.auth.client-secret")
                    .trim(), "client secret", "infisical.auth.client-secret");
        }

        @Override
        public String toString() {
            return "UniversalAuth[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /**
     * Kubernetes auth.
     *
     * @param identityId machine identity id
     * @param tokenPath service-account JWT file
     */
    record Kubernetes(String identityId, Path tokenPath) implements Credentials {
        /**
         * Validates.
         *
         * @param identityId machine identity id, trimmed
         * @param tokenPath the service-account JWT file (read at each login, not now)
         */
        public Kubernetes {
            identityId = requireHeaderSafe(requireText(identityId, "Kubernetes identity id",
                    "infisical.auth.kubernetes.identity-id").trim(), "Kubernetes identity id",
                    "infisical.auth.kubernetes.identity-id");
            Objects.requireNonNull(tokenPath, "tokenPath");
        }

        @Override
        public String toString() {
            return "Kubernetes[identityId=" + identityId + ", tokenPath=" + tokenPath + "]";
        }
    }

    /**
     * A ready access token.
     *
     * @param token the identity access token
     */
    record AccessToken(String token) implements Credentials {
        /**
         * Validates.
         *
         * @param token the access token, trimmed; must not start with {@code st.}
         */
        public AccessToken {
            token = requireHeaderSafe(requireText(token, "access token", "infisical.auth.access-token").trim(),
                    "access token", "infisical.auth.access-token");
            if (token.startsWith("st.")) {
                // sent as is, a service token would skip the 3-part form, the describe call and the scope checks
                throw new ValidationException("the access token is a service token (it starts with st.)",
                        "use Credentials.serviceToken(...) / infisical.auth.service-token for service tokens");
            }
        }

        @Override
        public String toString() {
            return "AccessToken[***]";
        }
    }

    /**
     * Refuses control and non-ASCII characters (a pasted token with a stray character would otherwise
     * fail deep inside the HTTP library); the message never shows the value.
     */
    private static String requireHeaderSafe(String value, String what, String key) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                throw new ValidationException(what + " contains a control or non-ASCII character at position "
                        + (i + 1), "copy " + key + " again without extra characters (quotes, line breaks, "
                        + "typographic dashes)");
            }
        }
        return value;
    }

    private static String requireText(String value, String what, String key) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(what + " is blank", "set " + key);
        }
        return value;
    }
}
