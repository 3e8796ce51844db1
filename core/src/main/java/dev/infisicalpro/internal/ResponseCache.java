package dev.infisicalpro.internal;

import dev.infisicalpro.ListOptions;
import dev.infisicalpro.Scope;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretListing;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read cache of list answers, on when {@code responseCacheTtl > 0}. Every write through the client
 * clears it: imports make a folder's listing depend on other folders and even other environments, so
 * "the affected entries" of a write are not knowable client-side, and reading one's own writes at once
 * matters more than the few requests saved. Time comes from the client's {@link Clock}. Not API.
 *
 * <p>An entry past its TTL is not dropped: it is the basis of a conditional list ({@code If-None-Match}
 * with its ETag), so an unchanged folder costs one 304 and no parsing. Each entry indexes its listing's
 * effective secrets once, so a repeated {@code get} is a map lookup and allocates nothing proportional to
 * the folder. A client reads a handful of folders, so a {@link ConcurrentHashMap} with a size bound does
 * what a general-purpose cache library would, without its jar and classes.
 */
public final class ResponseCache {

    /** Entries kept at most; past it stale entries go first, then everything (it refills on demand). */
    static final int MAX_ENTRIES = 1_000;

    /** What a cached listing answers. */
    public record Key(Scope scope, ListOptions options) {
    }

    /** A listing, when it was fetched or last confirmed by a 304, and its effective-secret index. */
    public static final class Entry {
        private final SecretListing listing;
        private final long storedAtMillis;
        /** Built on the first {@link #effective()}; immutable once published. */
        private volatile Map<String, Secret> effective;

        Entry(SecretListing listing, long storedAtMillis, Map<String, Secret> effective) {
            this.listing = listing;
            this.storedAtMillis = storedAtMillis;
            this.effective = effective;
        }

        public SecretListing listing() {
            return listing;
        }

        /** {@link SecretListing#effective()}, computed once per listing (a race computes it twice, harmlessly). */
        public Map<String, Secret> effective() {
            Map<String, Secret> e = effective;
            if (e == null) {
                e = listing.effective();
                effective = e;
            }
            return e;
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries;
    private final long ttlMillis;
    private final Clock clock;
    /** Bumped by every write; a listing fetched across a write is not stored. */
    private final AtomicLong generation = new AtomicLong();

    public ResponseCache(Duration ttl, Clock clock) {
        boolean on = !ttl.isZero() && !ttl.isNegative();
        this.entries = on ? new ConcurrentHashMap<>() : null;
        this.ttlMillis = on ? Math.max(1, ttl.toMillis()) : 0;
        this.clock = clock;
    }

    public boolean enabled() {
        return entries != null;
    }

    /** A listing younger than the TTL. */
    public Optional<SecretListing> get(Key key) {
        Entry e = fresh(key);
        return e == null ? Optional.empty() : Optional.of(e.listing());
    }

    /** The entry when it is younger than the TTL, else null. */
    public Entry fresh(Key key) {
        Entry e = entries == null ? null : entries.get(key);
        return e != null && clock.millis() - e.storedAtMillis < ttlMillis ? e : null;
    }

    /** The entry whatever its age (for revalidation), else null. */
    public Entry any(Key key) {
        return entries == null ? null : entries.get(key);
    }

    /** The write generation; take it before fetching and pass it to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    /**
     * Stores a listing fetched while the generation was {@code fetchedAt}, and returns its entry. When a
     * write happened since, the listing may predate it and is not stored; the second check covers a
     * write that lands between the first check and the store.
     */
    public Entry put(Key key, SecretListing listing, long fetchedAt) {
        return store(key, new Entry(listing, clock.millis(), null), fetchedAt);
    }

    /** The server answered 304 for {@code stale}: it is good for another TTL (index kept). */
    public Entry confirm(Key key, Entry stale, long fetchedAt) {
        return store(key, new Entry(stale.listing, clock.millis(), stale.effective), fetchedAt);
    }

    private Entry store(Key key, Entry entry, long fetchedAt) {
        if (entries == null || generation.get() != fetchedAt) {
            return entry;
        }
        if (entries.size() >= MAX_ENTRIES && !entries.containsKey(key)) {
            long now = clock.millis();
            entries.values().removeIf(e -> now - e.storedAtMillis >= ttlMillis);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, entry);
        if (generation.get() != fetchedAt) {
            entries.remove(key, entry);
        }
        return entry;
    }

    /** Called by every write (after it was answered). */
    public void invalidateAll() {
        generation.incrementAndGet();
        if (entries != null) {
            entries.clear();
        }
    }
}
