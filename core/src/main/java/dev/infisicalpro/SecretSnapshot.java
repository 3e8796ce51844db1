package dev.infisicalpro;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable view of a {@link LiveSecrets} query at one moment: the effective secrets (folders
 * merged in order, imports applied), with provenance per key. {@code toString()} shows no values.
 *
 * <pre>{@code
 * SecretSnapshot snap = live.snapshot();
 * snap.find("DB_PASSWORD").ifPresent(pool::setPassword);
 * snap.secrets().get("DB_PASSWORD").source();   // where it came from
 * }</pre>
 *
 * @param secrets   key to effective secret
 * @param etag      the server ETag(s) this snapshot was built from (opaque; {@code ""} before the first load)
 * @param fetchedAt when the data was last confirmed by the server (a 304 counts)
 */
public record SecretSnapshot(Map<String, Secret> secrets, String etag, Instant fetchedAt) {

    /** Copies. */
    public SecretSnapshot {
        secrets = Map.copyOf(secrets);
        etag = etag == null ? "" : etag;
    }

    /** The value of a key, if present. */
    public Optional<String> find(String key) {
        Secret s = secrets.get(key);
        return s == null ? Optional.empty() : Optional.of(s.value());
    }

    /** The key names. */
    public Set<String> keys() {
        return secrets.keySet();
    }

    @Override
    public String toString() {
        return "SecretSnapshot[keys=" + secrets.size() + ", etag=" + etag + ", fetchedAt=" + fetchedAt + "]";
    }
}
