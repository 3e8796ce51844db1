package dev.infisicalpro;

import java.util.Objects;

/**
 * One secret as the server returned it. {@code toString()} never shows the value.
 *
 * <pre>{@code
 * Secret s = client.secrets().get(scope, "DB_PASSWORD");
 * String password = s.value();
 * s.source();   // dev:/app, or dev:/shared (imported)
 * }</pre>
 *
 * @param key     secret name (case preserved)
 * @param value   secret value (references expanded when asked)
 * @param comment comment, {@code ""} when none
 * @param version server version counter (1 on create, +1 per update)
 * @param type    shared or personal
 * @param source  environment, folder and import flag the value came from
 */
public record Secret(String key, String value, String comment, int version, SecretType type, Provenance source) {

    /**
     * Validates.
     *
     * @param key secret name, case preserved
     * @param value secret value (never shown by {@code toString()})
     * @param comment comment, {@code ""} when none
     * @param version the server's version counter of the secret
     * @param type shared or personal
     * @param source where the value came from
     */
    public Secret {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Environment slug the value lives in.
     *
     * @return the environment slug of {@link #source()}
     */
    public String environment() {
        return source.environment();
    }

    /**
     * Folder the value lives in.
     *
     * @return the folder of {@link #source()}
     */
    public SecretPath path() {
        return source.path();
    }

    @Override
    public String toString() {
        return "Secret[key=" + key + ", value=***, version=" + version + ", type=" + type.wire() + ", source="
                + source + "]";
    }
}
