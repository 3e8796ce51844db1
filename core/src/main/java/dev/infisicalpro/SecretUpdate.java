package dev.infisicalpro;

import java.util.Optional;

/**
 * What to change in an existing secret; absent parts stay as they are. {@code toString()} never
 * shows the value.
 *
 * <pre>{@code
 * client.secrets().update(scope, "DB_PASSWORD", SecretUpdate.value("n3w"));
 * client.secrets().update(scope, "OLD_NAME", SecretUpdate.rename("NEW_NAME"));
 * client.secrets().update(scope, "API_KEY", SecretUpdate.value("k2").withComment("rotated"));
 * }</pre>
 *
 * @param value   new value
 * @param comment new comment
 * @param newKey  new name
 */
public record SecretUpdate(Optional<String> value, Optional<String> comment, Optional<String> newKey) {

    /**
     * Validates: something must change.
     *
     * @param value the new value, or empty to leave it
     * @param comment the new comment, or empty to leave it
     * @param newKey the new name, or empty to keep the name
     */
    public SecretUpdate {
        if (value.isEmpty() && comment.isEmpty() && newKey.isEmpty()) {
            throw new ValidationException("secret update changes nothing", "set a value, a comment or a new key");
        }
    }

    /**
     * Change the value.
     *
     * @param newValue the value to store
     * @return an update that changes only the value
     */
    public static SecretUpdate value(String newValue) {
        return new SecretUpdate(Optional.of(newValue), Optional.empty(), Optional.empty());
    }

    /**
     * Change the comment. The value is left to the server; servers that require a value on every update
     * (Infisical of late 2024) get the stored value read and sent back, so a value change made by someone
     * else between that read and this write would be reverted.
     *
     * @param newComment the comment to store
     * @return an update that changes only the comment
     */
    public static SecretUpdate comment(String newComment) {
        return new SecretUpdate(Optional.empty(), Optional.of(newComment), Optional.empty());
    }

    /**
     * Rename the secret (keeps its id and history). The value is left to the server; servers that require
     * a value on every update (Infisical of late 2024) get the stored value read and sent back, so a value
     * change made by someone else between that read and this write would be reverted.
     *
     * @param newKey the new name
     * @return an update that changes only the name
     */
    public static SecretUpdate rename(String newKey) {
        return new SecretUpdate(Optional.empty(), Optional.empty(), Optional.of(newKey));
    }

    /**
     * Also change the value.
     *
     * @param newValue the value to store as well
     * @return a copy that also changes the value
     */
    public SecretUpdate withValue(String newValue) {
        return new SecretUpdate(Optional.of(newValue), comment, newKey);
    }

    /**
     * Also change the comment.
     *
     * @param newComment the comment to store as well
     * @return a copy that also changes the comment
     */
    public SecretUpdate withComment(String newComment) {
        return new SecretUpdate(value, Optional.of(newComment), newKey);
    }

    /**
     * Also rename.
     *
     * @param key the new name
     * @return a copy that also renames the secret
     */
    public SecretUpdate withNewKey(String key) {
        return new SecretUpdate(value, comment, Optional.of(key));
    }

    @Override
    public String toString() {
        return "SecretUpdate[value=" + (value.isPresent() ? "***" : "unchanged") + ", comment="
                + (comment.isPresent() ? "changed" : "unchanged") + ", newKey=" + newKey.orElse("unchanged") + "]";
    }
}
