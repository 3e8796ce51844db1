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
    /**
     * Validates.
     *
     * @param key the name, not null
     * @param value the value, not null ({@code ""} for an empty value)
     * @param comment the comment, {@code null} read as {@code ""}
     */
    public NewSecret {
        if (key == null) {
            throw new ValidationException("secret key is null", "pass the secret's name");
        }
        if (value == null) {
            throw new ValidationException("value of secret '" + key + "' is null", "pass \"\" for an empty value");
        }
        comment = comment == null ? "" : comment;
    }

    /**
     * A secret without a comment.
     *
     * @param key the name
     * @param value the value
     * @return a new secret with an empty comment
     */
    public static NewSecret of(String key, String value) {
        return new NewSecret(key, value, "");
    }

    /**
     * Copy with a comment.
     *
     * @param newComment the comment to store with the secret
     * @return a copy with that comment
     */
    public NewSecret withComment(String newComment) {
        return new NewSecret(key, value, newComment);
    }

    @Override
    public String toString() {
        return "NewSecret[key=" + key + ", value=***]";
    }
}
