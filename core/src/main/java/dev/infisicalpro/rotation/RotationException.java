package dev.infisicalpro.rotation;

import dev.infisicalpro.InfisicalException;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A rotation that did not complete. The message says what happened, which password each side now
 * holds and what to do next; {@link #database()}, {@link #infisical()} and {@link #newPasswordFile()}
 * say the same for programs. It never contains a password.
 *
 * <pre>{@code
 * try {
 *     rotation.rotate();
 * } catch (RotationException e) {
 *     alert(e.getMessage());                      // safe to log
 *     if (e.newPasswordFile().isPresent()) { ... } // the database needs the password in that file
 * }
 * }</pre>
 */
public class RotationException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** The password PostgreSQL requires now. */
    private final PasswordState database;
    /** The password Infisical holds now. */
    private final PasswordState infisical;
    private final transient Path newPasswordFile;

    /**
     * A failed rotation step and what each side holds now.
     *
     * @param summary         what failed (no secret material)
     * @param hint            the safe way forward
     * @param database        what PostgreSQL holds now
     * @param infisical       what Infisical holds now
     * @param newPasswordFile where the new password was kept, or null
     * @param cause           the underlying failure, or null
     */
    public RotationException(String summary, String hint, PasswordState database, PasswordState infisical,
                             Path newPasswordFile, Throwable cause) {
        super(summary + " [database: " + describe(database) + "; Infisical: " + describe(infisical)
                        + (newPasswordFile == null ? "" : "; new password kept in " + newPasswordFile) + "]",
                hint, null, cause);
        this.database = Objects.requireNonNull(database, "database");
        this.infisical = Objects.requireNonNull(infisical, "infisical");
        this.newPasswordFile = newPasswordFile;
    }

    private static String describe(PasswordState state) {
        return switch (state) {
            case PREVIOUS -> "previous password";
            case NEW -> "new password";
            case UNKNOWN -> "unknown";
        };
    }

    /**
     * The password PostgreSQL requires now.
     *
     * @return previous, new or unknown
     */
    public PasswordState database() {
        return database;
    }

    /**
     * The password Infisical holds now.
     *
     * @return previous, new or unknown
     */
    public PasswordState infisical() {
        return infisical;
    }

    /**
     * The file holding the new password (mode 0600), when {@link OnWriteFailure#keepNewPasswordIn} was used.
     *
     * @return the file, or empty when none was written
     */
    public Optional<Path> newPasswordFile() {
        return Optional.ofNullable(newPasswordFile);
    }
}
