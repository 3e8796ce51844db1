package dev.infisicalpro.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.SecretListing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read cache of list answers (Caffeine 3.2-level API), on when {@code responseCacheTtl > 0}. Every
 * write through the client clears it: imports make a folder's listing depend on other folders and even
 * other environments, so "the affected entries" of a write are not knowable client-side, and reading
 * one's own writes at once matters more than the few requests saved. Time comes from the client's
 * {@link Clock}. Not API.
 */
public final class ResponseCache {

    /** What a cached listing answers. */
    public record Key(String project, String environment, String path, ListOptions options) {
    }

    private final Cache<Key, SecretListing> cache;
    /** Bumped by every write; a listing fetched across a write is not stored. */
    private final AtomicLong generation = new AtomicLong();

    public ResponseCache(Duration ttl, Clock clock) {
        if (ttl.isZero() || ttl.isNegative()) {
            this.cache = null;
        } else {
            this.cache = Caffeine.newBuilder()
                    .expireAfterWrite(ttl)
                    .maximumSize(10_000)
                    .ticker(() -> clock.millis() * 1_000_000L)
                    .build();
        }
    }

    public boolean enabled() {
        return cache != null;
    }

    public Optional<SecretListing> get(Key key) {
        return cache == null ? Optional.empty() : Optional.ofNullable(cache.getIfPresent(key));
    }

    /** The write generation; take it before fetching and pass it to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    /**
     * Stores a listing fetched while the generation was {@code fetchedAt}. When a write happened since,
     * the listing may predate it and is dropped; the second check covers a write that lands between the
     * first check and the store.
     */
    public void put(Key key, SecretListing listing, long fetchedAt) {
        if (cache == null || generation.get() != fetchedAt) {
            return;
        }
        cache.put(key, listing);
        if (generation.get() != fetchedAt) {
            cache.invalidate(key);
        }
    }

    /** Called by every write (after it was answered). */
    public void invalidateAll() {
        generation.incrementAndGet();
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
