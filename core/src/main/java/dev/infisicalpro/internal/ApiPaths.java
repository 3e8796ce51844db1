package dev.infisicalpro.internal;

import java.nio.charset.StandardCharsets;

/**
 * Every endpoint path and query/body parameter name the client uses, relative to the API root
 * ({@code https://host/api}). Infisical's spellings are inconsistent (v3 list takes
 * {@code include_imports} in snake_case next to camelCase {@code expandSecretReferences}); they are
 * written down once, here. Not API.
 */
public final class ApiPaths {
    private ApiPaths() {
    }

    // auth
    public static final String UNIVERSAL_AUTH_LOGIN = "/v1/auth/universal-auth/login";
    public static final String KUBERNETES_AUTH_LOGIN = "/v1/auth/kubernetes-auth/login";
    public static final String TOKEN_RENEW = "/v1/auth/token/renew";
    public static final String SERVICE_TOKEN_DESCRIBE = "/v2/service-token";
    public static final String WORKSPACE_BY_SLUG = "/v2/workspace/"; // + slug

    // secrets (v3 raw)
    public static final String SECRETS_RAW = "/v3/secrets/raw";
    public static final String SECRETS_BATCH_RAW = "/v3/secrets/batch/raw";
    public static final String FOLDERS = "/v1/folders";

    // query / body parameter names
    public static final String WORKSPACE_ID = "workspaceId";
    public static final String WORKSPACE_SLUG = "workspaceSlug";
    public static final String ENVIRONMENT = "environment";
    public static final String SECRET_PATH = "secretPath";
    public static final String RECURSIVE = "recursive";
    public static final String INCLUDE_IMPORTS = "include_imports";
    public static final String EXPAND_SECRET_REFERENCES = "expandSecretReferences";
    public static final String TYPE = "type";
    public static final String SECRET_KEY = "secretKey";
    public static final String SECRET_VALUE = "secretValue";
    public static final String SECRET_COMMENT = "secretComment";
    public static final String NEW_SECRET_NAME = "newSecretName";
    public static final String SECRETS = "secrets";
    public static final String FOLDER_PATH = "path";
    public static final String FOLDER_NAME = "name";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String IDENTITY_ID = "identityId";
    public static final String JWT = "jwt";
    public static final String ACCESS_TOKEN = "accessToken";

    /** {@code /v3/secrets/raw/<key>} with the key as one encoded path segment. */
    public static String secret(String key) {
        return SECRETS_RAW + "/" + segment(key);
    }

    /** {@code /v1/folders/<idOrName>}. */
    public static String folder(String idOrName) {
        return FOLDERS + "/" + segment(idOrName);
    }

    /**
     * Percent-encodes one path segment (RFC 3986 {@code pchar}, UTF-8): a space becomes {@code %20}
     * (never {@code +}), {@code /} becomes {@code %2F}, unicode is encoded byte-wise.
     */
    public static String segment(String raw) {
        StringBuilder sb = new StringBuilder(raw.length() + 16);
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Normalises a user-supplied host to the API root: {@code https://h},
     * {@code https://h/}, {@code https://h/api} and {@code https://h/api/} all become {@code https://h/api}.
     * Errors name the rule, never the value (it may be a token pasted into the wrong variable).
     */
    public static String normaliseHost(String host) {
        return normaliseHost(host, "infisical.host-api");
    }

    /**
     * {@link #normaliseHost(String)} with errors naming {@code setting} (e.g.
     * {@code "INFISICAL_API_URL (environment)"}); no error quotes the value.
     */
    public static String normaliseHost(String host, String setting) {
        String h = host == null ? "" : host.trim();
        if (h.isEmpty()) {
            throw new dev.infisicalpro.ValidationException(setting + " is blank",
                    "set infisical.host-api, e.g. https://app.infisical.com/api");
        }
        if (!h.contains("://")) {
            if (looksLikeToken(h)) {
                throw new dev.infisicalpro.ValidationException(setting + " holds what looks like a token, not a URL",
                        "were INFISICAL_API_URL and INFISICAL_TOKEN swapped? The host takes the server's URL, e.g. "
                                + "https://app.infisical.com/api; the token belongs in INFISICAL_TOKEN or infisical.auth.*");
            }
            throw new dev.infisicalpro.ValidationException(setting + " has no scheme",
                    "write it with https:// in front (or http:// for a local server)");
        }
        String scheme = h.substring(0, h.indexOf("://")).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new dev.infisicalpro.ValidationException(setting + " is not an http(s) URL",
                    "set infisical.host-api to e.g. https://infisical.example.com/api");
        }
        int authority = h.indexOf("://") + 3;
        while (h.length() > authority && h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.length() == authority || h.charAt(authority) == '/') {
            throw new dev.infisicalpro.ValidationException(setting + " names no host",
                    "set infisical.host-api to e.g. https://infisical.example.com/api");
        }
        if (!h.endsWith("/api")) {
            h = h + "/api";
        }
        // parsed the way requests will be sent (OkHttp accepts host names with '_', java.net.URI does not)
        Transport.UrlParts url = Transport.parseUrl(h).orElseThrow(() -> new dev.infisicalpro.ValidationException(
                setting + " is not a valid URL", "set infisical.host-api to e.g. https://infisical.example.com/api"));
        if (url.extras()) {
            throw new dev.infisicalpro.ValidationException(setting
                    + " must not carry a query, a fragment or user info (user:password@)",
                    "set infisical.host-api to the plain API root; credentials belong in infisical.auth.*");
        }
        return h;
    }

    /** A service token, a JWT, or a long opaque string without dots or slashes: not a host. */
    static boolean looksLikeToken(String s) {
        return s.startsWith("st.") || s.startsWith("eyJ") || (s.length() >= 32 && s.indexOf('/') < 0
                && s.indexOf('.') < 0);
    }
}
