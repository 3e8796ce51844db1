package dev.infisicalpro.spring.internal;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;

import dev.infisicalpro.internal.SharedLiveViews;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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
 * a failed start on that thread drops it ({@link #releasePending}). A load round that ends neither way (a
 * Spring Cloud refresh that threw partway) leaves its pending references behind only until the same thread
 * loads again in another round: those older ones are released then ({@link #acquire(Object, String, Factory)}).
 *
 * <p>The sharing itself (keyed views, reference counts, loads outside the lock, closing with the last
 * reference) is core's {@link SharedLiveViews}; this class adds only what is Spring's: pending references
 * per load round and their adoption by a context. Not API.
 */
public final class LiveRegistry {

    private static final SharedLiveViews<Entry> VIEWS = new SharedLiveViews<>();
    private static final ThreadLocal<List<Pending>> PENDING = ThreadLocal.withInitial(ArrayList::new);
    private static final Object NO_ROUND = new Object();

    // a reference taken on this thread in one load round (one config-data processing: a start or a refresh)
    private record Pending(Entry entry, Object round) {
    }

    private LiveRegistry() {
    }

    /**
     * What a factory creates; {@code startupOver} runs once when the loading start is over (its context
     * took the reference over, or the start failed), e.g. to stop reporting warnings through Boot's deferred log.
     */
    public record Created(InfisicalClient client, LiveSecrets live, Runnable startupOver) {
        /** Nothing to do at the end of the start. */
        public Created(InfisicalClient client, LiveSecrets live) {
            this(client, live, () -> { });
        }
    }

    /** Creates the pair for a key; may throw. */
    @FunctionalInterface
    public interface Factory {
        /** Creates client and started live view. */
        Created create();
    }

    /** One running import: a shared view plus the end-of-start action. */
    public static final class Entry {
        private final Created created;
        private final AtomicBoolean startupOver = new AtomicBoolean();
        private volatile SharedLiveViews<Entry>.View view; // bound before the entry is handed out

        private Entry(Created created) {
            this.created = created;
        }

        private Entry bind(SharedLiveViews<Entry>.View v) {
            this.view = v;
            return this;
        }

        /** The client. */
        public InfisicalClient client() {
            return created.client();
        }

        /** The live view. */
        public LiveSecrets live() {
            return created.live();
        }

        private void startupOver() {
            if (startupOver.compareAndSet(false, true)) {
                created.startupOver().run();
            }
        }

        /** True once: for the first loader to report what the first load found. */
        public boolean firstReport() {
            return view.firstUse();
        }

        private boolean retain() {
            return view.retain();
        }

        private void release() {
            view.release();
        }

        /** True once the last reference was released. */
        public boolean isClosed() {
            return view.isClosed();
        }
    }

    /**
     * The running entry for a key, or a new one from the factory (which runs outside any shared lock:
     * loads of other keys proceed meanwhile, a concurrent load of the same key waits for this one). The
     * reference is pending on the calling thread until a context adopts it or the start fails.
     */
    public static Entry acquire(String key, Factory factory) {
        return acquire(NO_ROUND, key, factory);
    }

    /**
     * Like {@link #acquire(String, Factory)}, in a load round (any object identifying one config-data
     * processing, e.g. the loader instance Boot creates for it): references this thread still holds pending
     * from another round were never adopted nor dropped (that round failed without a Failed event) and are
     * released.
     */
    public static Entry acquire(Object round, String key, Factory factory) {
        SharedLiveViews<Entry>.View view = VIEWS.acquire(key, () -> {
            Created c = factory.create();
            return new SharedLiveViews.Started<>(c.client(), c.live(), new Entry(c));
        });
        Entry entry = view.attachment().bind(view);
        pend(entry, round);
        return entry;
    }

    private static void pend(Entry entry, Object round) {
        List<Pending> pending = PENDING.get();
        pending.removeIf(p -> p.entry().isClosed());
        List<Pending> stale = new ArrayList<>();
        pending.removeIf(p -> p.round() != round && stale.add(p));
        pending.add(new Pending(entry, round));
        stale.forEach(p -> drop(p.entry()));   // after the new reference: the same entry stays open
    }

    private static void drop(Entry entry) {
        entry.startupOver();
        entry.release();
    }

    // this thread's pending references, taken off the thread
    private static List<Entry> takePending() {
        List<Entry> out = new ArrayList<>();
        PENDING.get().forEach(p -> out.add(p.entry()));
        PENDING.remove();
        return out;
    }

    /** Drops the references this thread's loads took and no context adopted (the start failed). */
    public static void releasePending() {
        takePending().forEach(LiveRegistry::drop);
    }

    /** The open entry whose live view is {@code live}. */
    public static Optional<Entry> find(LiveSecrets live) {
        return VIEWS.find(live).map(v -> v.attachment().bind(v));
    }

    /** Number of running entries (for tests). */
    public static int size() {
        return VIEWS.openViews();
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
            List<Entry> pending = takePending();
            pending.forEach(Entry::startupOver);
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
