package dev.infisicalpro.rotation;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rotation does when PostgreSQL already has the new password but every attempt to write it to
 * Infisical failed. PostgreSQL keeps only a hash, so the new password must either be undone or kept
 * somewhere the operator can reach; it is never just dropped.
 *
 * <pre>{@code
 * .onWriteFailure(OnWriteFailure.rollBackDatabase())                       // default
 * .onWriteFailure(OnWriteFailure.keepNewPasswordIn(Path.of("/root/db.pw"))) // file mode 0600
 * }</pre>
 */
public final class OnWriteFailure {

    private static final OnWriteFailure ROLL_BACK = new OnWriteFailure(null);

    private final Path file;

    private OnWriteFailure(Path file) {
        this.file = file;
    }

    /**
     * Change the database back to the previous password, so both sides agree again (the default).
     *
     * @return the default policy
     */
    public static OnWriteFailure rollBackDatabase() {
        return ROLL_BACK;
    }

    /**
     * Keep the new password in {@code file} (created or replaced with mode 0600 where the file system
     * has POSIX permissions), leaving the database on the new password. If the file cannot be written,
     * the database is rolled back instead.
     *
     * @param file where to keep the new password; its folder must exist
     * @return the policy
     */
    public static OnWriteFailure keepNewPasswordIn(Path file) {
        return new OnWriteFailure(Objects.requireNonNull(file, "file"));
    }

    /**
     * The file of {@link #keepNewPasswordIn}; empty for {@link #rollBackDatabase}.
     *
     * @return the file, or empty
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public String toString() {
        return file == null ? "roll back the database" : "keep the new password in " + file;
    }
}
