package dev.infisicalpro.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Small helpers the process tests share. */
final class Fixtures {

    private Fixtures() {
    }

    /** A file only its owner may read (as credentials files must be). */
    static Path privateFile(Path file, String content) {
        try {
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A --config file with the library's property names. */
    static Path config(Path dir, String... lines) {
        return privateFile(dir.resolve("infisical-pro.properties"), String.join("\n", lines) + "\n");
    }
}
