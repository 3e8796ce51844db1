package dev.infisicalpro;

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
        if (key == null) {
            throw new ValidationException("secret key is null", "pass the secret's name");
        }
        if (value == null) {
            throw new ValidationException("value of secret '" + key + "' is null", "pass \"\" for an empty value");
        }
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
