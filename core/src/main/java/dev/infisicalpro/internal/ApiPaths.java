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
     * Normalises a user-supplied host to the API root (design §5.1): {@code https://h},
     * {@code https://h/}, {@code https://h/api} and {@code https://h/api/} all become {@code https://h/api}.
     */
    public static String normaliseHost(String host) {
        String h = host == null ? "" : host.trim();
        if (h.isEmpty()) {
            throw new dev.infisicalpro.ValidationException("host is blank",
                    "set infisical.host-api, e.g. https://app.infisical.com/api");
        }
        if (!h.contains("://")) {
            throw new dev.infisicalpro.ValidationException("host '" + h + "' has no scheme",
                    "write it as https://" + h + " (or http:// for a local server)");
        }
        String scheme = h.substring(0, h.indexOf("://")).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new dev.infisicalpro.ValidationException("host '" + host.trim() + "' is not an http(s) URL",
                    "set infisical.host-api to e.g. https://infisical.example.com/api");
        }
        int authority = h.indexOf("://") + 3;
        while (h.length() > authority && h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.length() == authority || h.charAt(authority) == '/') {
            throw new dev.infisicalpro.ValidationException("host '" + host.trim() + "' names no host",
                    "set infisical.host-api to e.g. https://infisical.example.com/api");
        }
        if (!h.endsWith("/api")) {
            h = h + "/api";
        }
        // parsed the way requests will be sent (OkHttp accepts host names with '_', java.net.URI does not)
        Transport.UrlParts url = Transport.parseUrl(h).orElseThrow(() -> new dev.infisicalpro.ValidationException(
                "host '" + host.trim() + "' is not a valid URL",
                "set infisical.host-api to e.g. https://infisical.example.com/api"));
        if (url.extras()) {
            throw new dev.infisicalpro.ValidationException("host '" + url.host()
                    + "' must not carry a query, fragment or user info", "set infisical.host-api to the plain API root");
        }
        return h;
    }
}
