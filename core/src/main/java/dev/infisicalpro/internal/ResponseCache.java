package dev.infisicalpro.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.SecretListing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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

    public void put(Key key, SecretListing listing) {
        if (cache != null) {
            cache.put(key, listing);
        }
    }

    /** Called by every write. */
    public void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }
}
