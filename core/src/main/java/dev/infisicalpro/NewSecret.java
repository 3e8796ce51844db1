package dev.infisicalpro;

import java.util.Objects;

/**
 * A secret to create. {@code toString()} never shows the value.
 *
 * <pre>{@code
 * client.secrets().create(scope, NewSecret.of("API_KEY", "k-123").withComment("rotated monthly"));
 * }</pre>
 *
 * @param key     name
 * @param value   value (the server trims surrounding whitespace but keeps one trailing newline)
 * @param comment comment, {@code ""} for none
 */
public record NewSecret(String key, String value, String comment) {
    /** Validates. */
    public NewSecret {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        comment = comment == null ? "" : comment;
    }

    /** A secret without a comment. */
    public static NewSecret of(String key, String value) {
        return new NewSecret(key, value, "");
    }

    /** Copy with a comment. */
    public NewSecret withComment(String newComment) {
        return new NewSecret(key, value, newComment);
    }

    @Override
    public String toString() {
        return "NewSecret[key=" + key + ", value=***]";
    }
}
