package dev.infisicalpro.testkit;

import java.util.Objects;

/**
 * One scope of a service token: an environment slug and a secret path that may be a glob
 * ({@code /}, {@code /**}, {@code /app/*}). A trailing slash is removed, as the server does at
 * creation ({@code /app/} is stored as {@code /app}).
 *
 * <pre>{@code
 * TokenScope scope = TokenScope.of("dev", "/**");
 * }</pre>
 *
 * @param environment environment slug
 * @param secretPath  folder path or glob
 */
public record TokenScope(String environment, String secretPath) {

    /**
     * Validates and normalises the path.
     *
     * @param environment see the record component
     * @param secretPath see the record component
     */
    public TokenScope {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(secretPath, "secretPath");
        if (secretPath.length() > 1 && secretPath.endsWith("/")) {
            secretPath = secretPath.substring(0, secretPath.length() - 1);
        }
    }

    /**
     * Shorthand for the constructor.
     *
     * @param environment environment slug
     * @param secretPath  folder path or glob
     * @return the scope
     */
    public static TokenScope of(String environment, String secretPath) {
        return new TokenScope(environment, secretPath);
    }
}
