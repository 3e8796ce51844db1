package dev.infisicalpro.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The ssh rule for files holding credentials: refused when group or others may read them. On file
 * systems without POSIX permissions there is nothing to check.
 *
 * <pre>{@code
 * FilePermissions.requirePrivate(Path.of("/etc/infisical-pro/app.properties"), "--config");
 * }</pre>
 */
public final class FilePermissions {

    private FilePermissions() {
    }

    /** Refuses {@code file} (symbolic links followed) when group or others may read or write it. */
    public static void requirePrivate(Path file, String what) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, what + " " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new CliException(ExitCodes.USAGE, what + " " + file + " holds credentials and is accessible by "
                    + "group or others (" + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                    + "); run chmod 600 " + file + " (in Kubernetes: defaultMode: 0400 on the Secret volume), "
                    + "or use systemd's LoadCredential=");
        }
    }

    /** {@link #requirePrivate} for every regular file in {@code directory} except dot files. */
    public static void requirePrivateFiles(Path directory, String what) {
        if (!Files.isDirectory(directory)) {
            return; // the library says what is wrong with a missing folder
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(".") && Files.isRegularFile(f)) {
                    requirePrivate(f, what + " file");
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, what + " " + directory + " cannot be listed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
