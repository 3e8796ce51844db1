package dev.infisicalpro;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
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
 * <p>Revision: a refresh that changes nothing (every folder answered {@code 304 Not Modified}) gives a
 * new snapshot with a newer {@code fetchedAt} but the same {@link #revision()}, so an adapter may cache
 * whatever it derives from the keys (property names, aliases) and recompute only when the revision
 * differs. Changed secrets always come with a new revision. This holds by construction: the revision
 * belongs to the immutable map; the constructor copies any map it is given (a new revision) except one
 * that already is a snapshot's {@link #secrets()}, which it keeps with its revision.
 *
 * @param secrets   key to effective secret (immutable)
 * @param etag      the server ETag(s) this snapshot was built from (opaque; {@code ""} before the first load;
 *                  several folders' ETags are joined with {@code ", "})
 * @param fetchedAt when the data was last confirmed by the server (a 304 counts); {@link Instant#EPOCH}
 *                  before the first load
 */
public record SecretSnapshot(Map<String, Secret> secrets, String etag, Instant fetchedAt) {

    /**
     * Copies {@code secrets}, unless it is another snapshot's {@link #secrets()}: that one is shared.
     *
     * @param secrets key to effective secret; copied (a new {@link #revision()}) unless it is a snapshot's own map
     * @param etag the server ETag(s), {@code null} read as {@code ""}
     * @param fetchedAt when the server last confirmed the data
     */
    public SecretSnapshot {
        // Our own frozen map is kept as is (a 304 keeps the map identity); anything else is copied.
        // Not relying on Map.copyOf, which is free to copy an already-immutable map.
        secrets = secrets instanceof FrozenMap ? secrets : new FrozenMap(Map.copyOf(secrets));
        etag = etag == null ? "" : etag;
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /**
     * Which version of the secrets this is: equal for snapshots that share their secrets (a refresh
     * answered {@code 304}), different whenever the secrets were built anew. Unique within the JVM and
     * increasing; it says nothing about the server's data beyond that.
     *
     * <pre>{@code
     * if (snapshot.revision() != cachedRevision) { names = recompute(snapshot); }
     * }</pre>
     *
     * @return this snapshot's secrets revision, at least 1
     */
    public long revision() {
        return ((FrozenMap) secrets).revision;
    }

    /**
     * The value of a key, if present.
     *
     * @param key the exact key name (keys are case-sensitive)
     * @return the value, or empty when the snapshot has no such key
     */
    public Optional<String> find(String key) {
        Secret s = secrets.get(key);
        return s == null ? Optional.empty() : Optional.of(s.value());
    }

    /**
     * The key names.
     *
     * @return the key names, unmodifiable
     */
    public Set<String> keys() {
        return secrets.keySet();
    }

    /**
     * Number of secrets.
     *
     * @return how many keys this snapshot holds
     */
    public int size() {
        return secrets.size();
    }

    /**
     * Key to value, as a read-only view over {@link #secrets()} (no copy: {@code get} is a lookup,
     * iteration walks the secrets). Handy for property-source adapters.
     *
     * @return an unmodifiable key-to-value map backed by this snapshot
     */
    public Map<String, String> values() {
        return new ValuesView(secrets);
    }

    /**
     * A snapshot with no secrets, as a live view has before its first load.
     *
     * @return an empty snapshot, fetched at {@link Instant#EPOCH}
     */
    public static SecretSnapshot empty() {
        return new SecretSnapshot(Map.of(), "", Instant.EPOCH);
    }

    /**
     * The immutable map of every snapshot: a private type, so the constructor can tell a map it made
     * (safe to share) from any other (copied). Delegates to an immutable {@code Map.copyOf}.
     */
    private static final class FrozenMap extends AbstractMap<String, Secret> {
        private static final java.util.concurrent.atomic.AtomicLong REVISIONS = new java.util.concurrent.atomic.AtomicLong();
        private final Map<String, Secret> map;
        private final long revision = REVISIONS.incrementAndGet();

        FrozenMap(Map<String, Secret> map) {
            this.map = map;
        }

        @Override
        public Secret get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public Set<String> keySet() {
            return map.keySet();
        }

        @Override
        public java.util.Collection<Secret> values() {
            return map.values();
        }

        @Override
        public Set<Map.Entry<String, Secret>> entrySet() {
            return map.entrySet();
        }

        @Override
        public String toString() {
            return map.toString(); // Secret's toString hides values
        }
    }

    /** Values of a secrets map, computed on access. toString() names keys only. */
    private static final class ValuesView extends AbstractMap<String, String> {
        private final Map<String, Secret> secrets;

        ValuesView(Map<String, Secret> secrets) {
            this.secrets = secrets;
        }

        @Override
        public String get(Object key) {
            Secret s = secrets.get(key);
            return s == null ? null : s.value();
        }

        @Override
        public boolean containsKey(Object key) {
            return secrets.containsKey(key);
        }

        @Override
        public int size() {
            return secrets.size();
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    Iterator<Map.Entry<String, Secret>> it = secrets.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            Map.Entry<String, Secret> e = it.next();
                            return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue().value()) {
                                private static final long serialVersionUID = 1L;

                                @Override
                                public String toString() {
                                    return getKey() + "=***";
                                }
                            };
                        }
                    };
                }

                @Override
                public int size() {
                    return secrets.size();
                }
            };
        }

        @Override
        public java.util.Collection<String> values() {
            // AbstractMap's values() prints every value in toString(); this one does not
            return new java.util.AbstractCollection<>() {
                @Override
                public Iterator<String> iterator() {
                    Iterator<Secret> it = secrets.values().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public String next() {
                            return it.next().value();
                        }
                    };
                }

                @Override
                public int size() {
                    return secrets.size();
                }

                @Override
                public String toString() {
                    return "[" + secrets.size() + " values hidden]";
                }
            };
        }

        @Override
        public String toString() {
            return "{" + String.join(", ", new java.util.TreeSet<>(secrets.keySet())) + "} (values hidden)";
        }
    }

    @Override
    public String toString() {
        return "SecretSnapshot[keys=" + secrets.size() + ", etag=" + etag + ", fetchedAt=" + fetchedAt + "]";
    }
}
