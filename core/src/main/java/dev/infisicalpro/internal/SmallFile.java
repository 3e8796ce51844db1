package dev.infisicalpro.internal;

import dev.infisicalpro.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a credential file (a mounted Secret's key, a Kubernetes service-account token): regular files
 * only (a FIFO would block for ever, {@code /dev/zero} would fill the heap) and at most
 * {@link #MAX_BYTES}. Errors name what the file is for, never its content. Not API.
 */
public final class SmallFile {

    /** Far above any token or JWT; a credential file larger than this is not one. */
    public static final int MAX_BYTES = 64 * 1024;

    private SmallFile() {
    }

    /**
     * The file's text, trimmed.
     *
     * @param what  what the file is, for messages, e.g. "credentials file clientSecret"
     * @param hint  how to fix a missing or unreadable file
     */
    public static String read(Path file, String what, String hint) {
        if (!Files.isRegularFile(file)) { // follows symlinks: Kubernetes mounts are links into ..data/
            throw new ValidationException(what + " is " + (Files.exists(file) ? "not a regular file" : "missing"),
                    hint);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // bounded even when the size the file system reports is wrong
        } catch (IOException e) {
            throw new ValidationException("cannot read " + what + " (" + e.getClass().getSimpleName() + ")", hint);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ValidationException(what + " is larger than " + (MAX_BYTES / 1024) + " KiB, too large for a"
                    + " credential", hint);
        }
        return new String(bytes, StandardCharsets.UTF_8).trim();
    }
}
