package dev.infisicalpro.internal;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Started live views (and their clients) shared by every holder that asks with equal settings, for the
 * framework adapters: frameworks build their configuration more than once (Spring Cloud refreshes, a
 * second context, Quarkus dev-mode reloads and its test launcher), and one live view per settings keeps
 * that from multiplying clients, threads and refreshes. Not API: the adapters of the same release use it.
 *
 * <ul>
 *   <li><b>Keyed</b> by {@link #fingerprint}, a keyed digest (HMAC-SHA256, random per-JVM key) of the
 *       settings as read: the map never holds credentials or a plain digest of them.</li>
 *   <li><b>Reference-counted</b>: {@link #acquire} takes one reference, {@link View#release()} returns
 *       it, and the last one closes live view and client.</li>
 *   <li><b>Loads outside the lock</b>: the first load (network I/O with retries that may wait on
 *       {@code Retry-After}) runs on the caller's thread with no lock held, so a slow server never holds
 *       up another key, a release or a shutdown. Equal settings still start once: later callers wait
 *       for the first caller's load, and its failure is theirs.</li>
 * </ul>
 *
 * <p>What belongs to one framework (Spring's per-load-round adoption, MicroProfile's Cleaner and
 * shutdown hook) stays in its adapter; an adapter keeps its own per-view data in the attachment.
 *
 * @param <A> what the adapter keeps with each view
 */
public final class SharedLiveViews<A> {

    /** Per-JVM random key of the settings fingerprint. */
    private static final byte[] FINGERPRINT_KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(FINGERPRINT_KEY);
    }

    /** What a factory starts for a key: a client, its started live view, and the adapter's own data. */
    public record Started<A>(InfisicalClient client, LiveSecrets live, A attachment) {
        /** Checks presence. */
        public Started {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(attachment, "attachment");
        }
    }

    private final Object lock = new Object();
    private final Map<String, CompletableFuture<View>> views = new HashMap<>(); // guarded by lock
    private final Runnable onFirstOpen;
    private final Runnable onLastClosed;

    /** Views without callbacks. */
    public SharedLiveViews() {
        this(() -> { }, () -> { });
    }

    /**
     * @param onFirstOpen  runs under the lock when the first view starts loading (e.g. register a JVM hook)
     * @param onLastClosed runs under the lock when no view is open or loading any more (remove that hook)
     */
    public SharedLiveViews(Runnable onFirstOpen, Runnable onLastClosed) {
        this.onFirstOpen = Objects.requireNonNull(onFirstOpen, "onFirstOpen");
        this.onLastClosed = Objects.requireNonNull(onLastClosed, "onLastClosed");
    }

    /** One started live view and its client, shared by every holder of equal settings. */
    public final class View {
        private final String key;
        private final Started<A> started;
        private final AtomicBoolean used = new AtomicBoolean();
        private int refs;                 // guarded by lock
        private boolean closed;           // guarded by lock
        private boolean closedAtShutdown; // guarded by lock

        private View(String key, Started<A> started) {
            this.key = key;
            this.started = started;
        }

        /** @return the client */
        public InfisicalClient client() {
            return started.client();
        }

        /** @return the started live view */
        public LiveSecrets live() {
            return started.live();
        }

        /** @return the adapter's data */
        public A attachment() {
            return started.attachment();
        }

        /** @return true exactly once: for the first holder to report what the first load found */
        public boolean firstUse() {
            return used.compareAndSet(false, true);
        }

        /**
         * Takes another reference (a holder that found the view by its live view).
         *
         * @return false when the view is already closed
         */
        public boolean retain() {
            synchronized (lock) {
                if (closed) {
                    return false;
                }
                refs++;
                return true;
            }
        }

        /** Returns one reference; the last one closes the live view and its client (outside the lock). */
        public void release() {
            synchronized (lock) {
                if (closed || --refs > 0) {
                    return;
                }
                closed = true;
                CompletableFuture<View> mapped = views.get(key);
                if (mapped != null && mapped.getNow(null) == this) {
                    views.remove(key);
                    lastClosedCheck();
                }
            }
            closeNow();
        }

        /** @return true once the last reference was returned or the view was closed at shutdown */
        public boolean isClosed() {
            synchronized (lock) {
                return closed;
            }
        }

        private void closeNow() {
            try {
                started.live().close();
            } finally {
                started.client().close();
            }
        }
    }

    /**
     * The open view for {@code key} with one reference taken, or a new one from {@code factory}, which runs
     * on this thread outside any shared lock. A concurrent caller with the same key waits for this load
     * and gets its result or its failure. A view closed at shutdown is returned as it is (the JVM is
     * exiting; a closed view is all there is).
     *
     * @param key     the settings fingerprint (plus whatever else tells holders apart)
     * @param factory starts client and live view; may throw
     * @return the view, with one reference held by the caller
     */
    public View acquire(String key, Supplier<Started<A>> factory) {
        while (true) {
            CompletableFuture<View> pending;
            boolean first = false;
            synchronized (lock) {
                pending = views.get(key);
                if (pending == null) {
                    pending = new CompletableFuture<>();
                    if (views.isEmpty()) {
                        onFirstOpen.run();
                    }
                    views.put(key, pending);
                    first = true;
                }
            }
            View view = first ? load(key, factory, pending) : await(pending);
            synchronized (lock) {
                // closed between its load and this reference only if every holder let go meanwhile
                // (then start afresh), or if the JVM is exiting
                if (!view.closed || view.closedAtShutdown) {
                    view.refs++;
                    return view;
                }
                if (views.get(key) == pending) {
                    views.remove(key);
                    lastClosedCheck();
                }
            }
        }
    }

    private View load(String key, Supplier<Started<A>> factory, CompletableFuture<View> pending) {
        View view;
        try {
            view = new View(key, Objects.requireNonNull(factory.get(), "factory result"));
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                if (views.remove(key, pending)) {
                    lastClosedCheck();
                }
            }
            pending.completeExceptionally(e);
            throw e;
        }
        boolean orphaned;
        synchronized (lock) {
            // closed at shutdown while loading: nobody could close what did not exist yet
            orphaned = views.get(key) != pending;
            if (orphaned) {
                view.closed = true;
                view.closedAtShutdown = true;
            }
        }
        pending.complete(view);
        if (orphaned) {
            view.closeNow();
        }
        return view;
    }

    private View await(CompletableFuture<View> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void lastClosedCheck() {
        if (views.isEmpty()) {
            onLastClosed.run();
        }
    }

    /**
     * @param live a live view
     * @return the open view whose live view is {@code live}
     */
    public Optional<View> find(LiveSecrets live) {
        synchronized (lock) {
            return loaded().filter(v -> v.live() == live && !v.closed).findFirst();
        }
    }

    /** @return the number of views open or loading */
    public int size() {
        synchronized (lock) {
            return views.size();
        }
    }

    /** @return the number of views loaded and open */
    public int openViews() {
        synchronized (lock) {
            return (int) loaded().filter(v -> !v.closed).count();
        }
    }

    private java.util.stream.Stream<View> loaded() {
        return views.values().stream().map(f -> f.isDone() && !f.isCompletedExceptionally() ? f.join() : null)
                .filter(Objects::nonNull);
    }

    /**
     * Closes the views whose live view matches, whatever their references: the JVM is exiting and no
     * holder will. A view still loading is dropped without waiting (its loader closes it when the load
     * returns; the predicate sees {@code null} for it).
     *
     * @param which the views to close
     * @return what closing them threw (the caller's to log), usually nothing
     */
    public List<RuntimeException> closeAtShutdown(Predicate<LiveSecrets> which) {
        List<View> closing = new ArrayList<>();
        synchronized (lock) {
            var it = views.values().iterator();
            while (it.hasNext()) {
                View v = it.next().getNow(null);
                if (which.test(v == null ? null : v.live())) {
                    it.remove();
                    if (v != null) {
                        v.closed = true;
                        v.closedAtShutdown = true;
                        closing.add(v);
                    }
                }
            }
            lastClosedCheck();
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (View v : closing) {
            try {
                v.closeNow();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        return failures;
    }

    /**
     * A keyed digest of every Infisical setting as read, in each form {@link InfisicalSettings#load} reads
     * (contract property, its environment form, Infisical's own environment variables), plus overrides
     * (e.g. a Spring import's {@code ?env-slug=prod}). Equal within one JVM for equal settings; HMAC-SHA256
     * with a random per-JVM key, because the settings include credentials and an unsalted hash of a short
     * or guessable one could be confirmed by anyone who sees the key (a heap dump, a debugger).
     *
     * @param properties contract names ({@code infisical.env-slug}, ...)
     * @param environment environment variables
     * @param overrides  contract names replaced for this holder
     * @return lower-case hex
     */
    public static String fingerprint(PropertyLookup properties, PropertyLookup environment,
                                     Map<String, String> overrides) {
        StringBuilder sb = new StringBuilder();
        for (String k : InfisicalSettings.ALL_KEYS) {
            sb.append(k).append('=').append(properties.get(k).orElse("")).append('\n');
            String env = InfisicalSettings.environmentName(k);
            sb.append(env).append('=').append(environment.get(env).orElse("")).append('\n');
        }
        for (String k : InfisicalSettings.ENVIRONMENT_VARIABLES) {
            sb.append(k).append('=').append(environment.get(k).orElse("")).append('\n');
        }
        new TreeMap<>(overrides).forEach((k, v) -> sb.append("override ").append(k).append('=').append(v).append('\n'));
        return keyedDigest(sb.toString());
    }

    /**
     * HMAC-SHA256 of {@code text} with the per-JVM random key: equal texts give equal digests within one
     * JVM, and the digest confirms nothing about a text to anyone without the key.
     *
     * @param text any text, e.g. a location that may quote a credential
     * @return lower-case hex
     */
    public static String keyedDigest(String text) {
        return HexFormat.of().formatHex(HmacSha256.of(FINGERPRINT_KEY, text.getBytes(StandardCharsets.UTF_8)));
    }
}
