package dev.infisicalpro.spring.internal;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands the client and live view a Boot config-data import created over to the application context,
 * without Boot's {@code BootstrapContext} (whose types moved package in Boot 4, so one jar could not run
 * on both lines). Keyed by the import's effective settings: a second load of the same import (a Spring
 * Cloud refresh, a second context) reuses the running live view instead of starting another.
 *
 * <p>Reference counting: each load ({@link #acquire}) takes a reference that is <em>pending</em> on the
 * loading thread (config data loads on the thread that runs {@code SpringApplication.run} or the Spring
 * Cloud refresh); the context that ends up using it takes the reference over ({@link Claims#adoptPending}),
 * a failed start on that thread drops it ({@link #releasePending}). The last reference closes live view
 * and client. Only one thread loads a given key at a time; other keys are not blocked meanwhile. Not API.
 */
public final class LiveRegistry {

    private static final Map<String, CompletableFuture<Entry>> ENTRIES = new ConcurrentHashMap<>();
    private static final ThreadLocal<List<Entry>> PENDING = ThreadLocal.withInitial(ArrayList::new);

    private LiveRegistry() {
    }

    /** What a factory creates. */
    public record Created(InfisicalClient client, LiveSecrets live, List<String> startupWarnings) {
        /** Copies. */
        public Created {
            startupWarnings = List.copyOf(startupWarnings);
        }

        /** Without startup warnings. */
        public Created(InfisicalClient client, LiveSecrets live) {
            this(client, live, List.of());
        }
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
        private final Created created;
        private final AtomicBoolean reported = new AtomicBoolean();
        private int refs;        // guarded by this
        private boolean closed;  // guarded by this

        private Entry(String key, Created created) {
            this.key = key;
            this.created = created;
        }

        /** The client. */
        public InfisicalClient client() {
            return created.client();
        }

        /** The live view. */
        public LiveSecrets live() {
            return created.live();
        }

        /** Warnings the core logged during the first load (key names, paths, error types; no values). */
        public List<String> startupWarnings() {
            return created.startupWarnings();
        }

        /** True once: for the first loader to report what the first load found. */
        public boolean firstReport() {
            return reported.compareAndSet(false, true);
        }

        private synchronized boolean retain() {
            if (closed) {
                return false;
            }
            refs++;
            return true;
        }

        private void release() {
            synchronized (this) {
                if (closed || --refs > 0) {
                    return;
                }
                closed = true;
            }
            CompletableFuture<Entry> mine = ENTRIES.get(key);
            if (mine != null && mine.getNow(null) == this) {
                ENTRIES.remove(key, mine);
            }
            try {
                created.live().close();
            } finally {
                created.client().close();
            }
        }

        /** True once the last reference was released. */
        public synchronized boolean isClosed() {
            return closed;
        }
    }

    /**
     * The running entry for a key, or a new one from the factory (which runs outside any shared lock:
     * loads of other keys proceed meanwhile, a concurrent load of the same key waits for this one). The
     * reference is pending on the calling thread until a context adopts it or the start fails.
     */
    public static Entry acquire(String key, Factory factory) {
        while (true) {
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            CompletableFuture<Entry> existing = ENTRIES.putIfAbsent(key, mine);
            if (existing == null) {
                Entry entry;
                try {
                    entry = new Entry(key, factory.create());
                } catch (RuntimeException | Error e) {
                    ENTRIES.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
                entry.retain();
                mine.complete(entry);
                pend(entry);
                return entry;
            }
            Entry entry;
            try {
                entry = existing.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                continue;   // that load failed: try our own, which reports its own error
            }
            if (entry.retain()) {
                pend(entry);
                return entry;
            }
            ENTRIES.remove(key, existing);  // closed meanwhile: start afresh
        }
    }

    private static void pend(Entry entry) {
        List<Entry> pending = PENDING.get();
        pending.removeIf(Entry::isClosed);
        pending.add(entry);
    }

    /** Drops the references this thread's loads took and no context adopted (the start failed). */
    public static void releasePending() {
        List<Entry> pending = new ArrayList<>(PENDING.get());
        PENDING.remove();
        pending.forEach(Entry::release);
    }

    /** The open entry whose live view is {@code live}. */
    public static Optional<Entry> find(LiveSecrets live) {
        for (CompletableFuture<Entry> f : ENTRIES.values()) {
            Entry e = f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
            if (e != null && e.live() == live && !e.isClosed()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Number of running entries (for tests). */
    public static int size() {
        return (int) ENTRIES.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
    }

    /**
     * The entries one application context uses; released when the context is destroyed (closed, or its
     * refresh failed).
     */
    public static final class Claims implements AutoCloseable {
        private final List<Entry> entries = new ArrayList<>();
        private boolean closed;

        /**
         * Takes over this thread's pending references to entries whose live view is in {@code used}
         * (the context's environment), drops the others' pending references, and releases held entries
         * no longer in {@code used} (a Spring Cloud refresh replaced them).
         *
         * @return entries newly held
         */
        public synchronized List<Entry> adoptPending(Collection<LiveSecrets> used) {
            List<Entry> pending = new ArrayList<>(PENDING.get());
            PENDING.remove();
            List<Entry> added = new ArrayList<>();
            List<Entry> drop = new ArrayList<>();
            for (Entry e : pending) {
                if (!closed && contains(used, e.live()) && !entries.contains(e)) {
                    entries.add(e);
                    added.add(e);
                } else {
                    drop.add(e);    // not used here, or already held: one reference per context
                }
            }
            // an entry in use that this thread did not load (e.g. the context was created elsewhere)
            for (LiveSecrets live : used) {
                if (closed || entries.stream().anyMatch(e -> e.live() == live)) {
                    continue;
                }
                find(live).filter(Entry::retain).ifPresent(e -> {
                    entries.add(e);
                    added.add(e);
                });
            }
            for (Entry e : new ArrayList<>(entries)) {
                if (!contains(used, e.live())) {
                    entries.remove(e);
                    drop.add(e);
                }
            }
            drop.forEach(Entry::release);
            return added;
        }

        private static boolean contains(Collection<LiveSecrets> used, LiveSecrets live) {
            return used.stream().anyMatch(l -> l == live);
        }

        /** The held entries, in adoption order. */
        public synchronized List<Entry> entries() {
            return List.copyOf(entries);
        }

        /** Releases every held entry; idempotent. */
        @Override
        public void close() {
            List<Entry> held;
            synchronized (this) {
                closed = true;
                held = new ArrayList<>(entries);
                entries.clear();
            }
            held.forEach(Entry::release);
        }
    }
}
