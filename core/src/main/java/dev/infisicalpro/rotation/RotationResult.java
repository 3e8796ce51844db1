package dev.infisicalpro.rotation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A rotation that completed: PostgreSQL and Infisical both hold the new password. Carries no password.
 *
 * <pre>{@code
 * RotationResult r = rotation.rotate();
 * log.info("rotated {} at {} ({} write attempts)", r.role(), r.infisicalWrittenAt(), r.writeAttempts());
 * }</pre>
 *
 * @param role               the PostgreSQL role whose password changed
 * @param key                the Infisical key that now holds the new password
 * @param databaseChangedAt  when PostgreSQL accepted the new password
 * @param infisicalWrittenAt when Infisical confirmed the write
 * @param writeAttempts      Infisical write attempts it took (1 when the first one succeeded)
 * @param previousValueKey   the key the previous password was written to, when one was configured and
 *                           that write succeeded
 */
public record RotationResult(String role, String key, Instant databaseChangedAt, Instant infisicalWrittenAt,
                             int writeAttempts, Optional<String> previousValueKey) {

    /**
     * Validates.
     *
     * @param role the PostgreSQL role whose password changed
     * @param key the Infisical key that now holds the new password
     * @param databaseChangedAt when PostgreSQL accepted the new password
     * @param infisicalWrittenAt when Infisical confirmed the write
     * @param writeAttempts Infisical write attempts it took
     * @param previousValueKey the key the previous password was written to, or empty
     */
    public RotationResult {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(databaseChangedAt, "databaseChangedAt");
        Objects.requireNonNull(infisicalWrittenAt, "infisicalWrittenAt");
        Objects.requireNonNull(previousValueKey, "previousValueKey");
    }
}
