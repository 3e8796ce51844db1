package dev.infisicalpro;

/**
 * Where a secret's effective value came from: the folder it was read from, and whether it arrived
 * through a secret import.
 *
 * <pre>{@code
 * Secret s = listing.effective().get("SHARED");
 * if (s.source().imported()) { ... }  // e.g. staging:/app imported into dev:/app
 * }</pre>
 *
 * @param environment environment slug the value lives in
 * @param path        folder the value lives in
 * @param imported    true when the value came through a secret import
 */
public record Provenance(String environment, SecretPath path, boolean imported) {
    @Override
    public String toString() {
        return environment + ":" + path + (imported ? " (imported)" : "");
    }
}
