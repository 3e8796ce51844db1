package dev.infisicalpro.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files that hold secrets: created 0600 from the first byte (never readable by others, not
 * even briefly), written in full, synced, then renamed over the target in one step, so a reader sees
 * the old file or the new one, never half of it.
 *
 * <pre>{@code
 * SecretFiles.writeAtomically(Path.of("/run/app/.env"), text);
 * }</pre>
 */
public final class SecretFiles {

    private SecretFiles() {
    }

    /** Replaces {@code target} with {@code text} (UTF-8), mode 0600. */
    public static void writeAtomically(Path target, String text) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            try {
                tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(text));
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + absolute + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is 0600 anyway
                }
            }
        }
    }
}
