package dev.infisicalpro.internal;

import dev.infisicalpro.Credentials;

import java.nio.file.Path;

/** Reads a mounted Kubernetes Secret folder (design §5.5). Not API. */
public final class CredentialsDirectory {
    private CredentialsDirectory() {
    }

    public static Credentials read(Path directory) {
        throw new UnsupportedOperationException("implemented by the core work");
    }
}
