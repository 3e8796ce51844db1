package dev.infisicalpro.spring.internal;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands the client and live view a Boot config-data import created over to the application context,
 * without Boot's {@code BootstrapContext} (whose types moved package in Boot 4, so one jar could not run
 * on both lines). Keyed by the import's effective settings: a second load of the same import (a Spring
 * Cloud refresh re-runs imports) reuses the running live view instead of starting another. Each
 * application context that uses an entry claims it and releases it on close; the last release closes
 * live view and client. Not API.
 */
public final class LiveRegistry {

    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

    private LiveRegistry() {
    }

    /** What a factory creates. */
    public record Created(InfisicalClient client, LiveSecrets live) {
    }

    /** Creates the pair for a key; may throw. */
    @FunctionalInterface
    public interface Factory {
        /** Creates client and started live view. */
        Created create();
    }

    /** One running import. */
    public static final class Entry {
        private final String key;
        private final InfisicalClient client;
        private final LiveSecrets live;
        private final AtomicInteger claims = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Entry(String key, InfisicalClient client, LiveSecrets live) {
            this.key = key;
            this.client = client;
            this.live = live;
        }

        /** The client. */
        public InfisicalClient client() {
            return client;
        }

        /** The live view. */
        public LiveSecrets live() {
            return live;
        }

        boolean isClosed() {
            return closed.get();
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                ENTRIES.remove(key, this);
                try {
                    live.close();
                } finally {
                    client.close();
                }
            }
        }
    }

    /** The running entry for a key, or a new one from the factory. */
    public static Entry acquire(String key, Factory factory) {
        synchronized (LiveRegistry.class) {
            Entry existing = ENTRIES.get(key);
            if (existing != null && !existing.isClosed()) {
                return existing;
            }
            Created created = factory.create();
            Entry entry = new Entry(key, created.client(), created.live());
            ENTRIES.put(key, entry);
            return entry;
        }
    }

    /** The entry whose live view is {@code live}. */
    public static Optional<Entry> find(LiveSecrets live) {
        return ENTRIES.values().stream().filter(e -> e.live == live).findFirst();
    }

    /** An application context starts using the entry. */
    public static void claim(Entry entry) {
        entry.claims.incrementAndGet();
    }

    /** An application context stops using the entry; the last one closes it. */
    public static void release(Entry entry) {
        if (entry.claims.decrementAndGet() <= 0) {
            entry.close();
        }
    }

    /** Closes entries no context claimed (their application failed to start). */
    public static void closeUnclaimed() {
        List<Entry> unclaimed = new ArrayList<>();
        for (Entry e : ENTRIES.values()) {
            if (e.claims.get() <= 0) {
                unclaimed.add(e);
            }
        }
        unclaimed.forEach(Entry::close);
    }

    /** Number of running entries (for tests). */
    public static int size() {
        return ENTRIES.size();
    }
}
