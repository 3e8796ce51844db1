package dev.infisicalpro;

import dev.infisicalpro.internal.live.LiveSettings;
import dev.infisicalpro.internal.live.RefreshingSnapshot;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A query's secrets kept current in the background: reads are lock-free lookups in an immutable
 * {@link SecretSnapshot}; every {@code resyncInterval} a conditional GET refreshes it; when
 * Infisical is down the last good values stay in place; listeners hear which keys changed.
 *
 * <pre>{@code
 * try (LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(projectId), "prod", "/app"))
 *         .resyncInterval(Duration.ofSeconds(60))
 *         .start()) {
 *     String password = live.get("DB_PASSWORD");
 *     live.addListener(change -> pool.rotate(change.changed()));
 * }
 * }</pre>
 *
 * <p>Refreshes send {@code If-None-Match} per folder; a 304 parses nothing and fires no event.
 * Several folders merge in order, the later one winning (one warning names colliding keys, never
 * values). A failed refresh keeps the last good snapshot and retries with exponential backoff and
 * jitter (1 s doubling, capped at {@code min(5 min, 8 × resyncInterval)}; at least
 * {@code Retry-After} after a 429); {@link #status()} reports age, failures and staleness measured
 * with the client's clock. Warnings go to {@link System.Logger} and also to the client's
 * {@linkplain InfisicalClient.Builder#warnings warning sink}, if it has one.
 *
 * <p>Threads: by default all live views share one daemon timer thread, and run their refreshes and
 * change events on small elastic daemon pools whose idle threads end after a few seconds; all of
 * them stop when the last view is closed. A view whose server hangs or trickles therefore never
 * delays another view's refresh or events, and each of its requests ends within the client's
 * {@linkplain InfisicalClient.Builder#callTimeout call deadline}. {@link #close()} aborts a refresh
 * in flight at once. With {@code failFast(false)}, {@link Builder#start()} waits at most about five
 * seconds for the first load, then returns and goes on loading in the background.
 * An application may still bring its own scheduler (refreshes of one view are single-flight and in
 * order on any scheduler):
 * <pre>{@code
 * ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor();
 * LiveSecrets critical = client.live(query).scheduler(own).start();
 * // on shutdown: critical.close(); own.shutdown();  (an injected scheduler is never shut down by us)
 * }</pre>
 */
public final class LiveSecrets implements AutoCloseable {

    private final RefreshingSnapshot engine;

    private LiveSecrets(RefreshingSnapshot engine) {
        this.engine = engine;
    }

    /**
     * A builder for a query on a client.
     *
     * @param client the client that loads and refreshes
     * @param query what to load
     * @return a builder; {@link Builder#start()} loads and starts refreshing
     */
    public static Builder builder(InfisicalClient client, SecretQuery query) {
        return new Builder(client, query);
    }

    /**
     * The value of a key: a lock-free, allocation-free read of the current snapshot.
     *
     * @param key the exact key name (keys are case-sensitive)
     * @return the current value
     * @throws SecretNotFoundException when the key is absent (or nothing has loaded yet with
     *                                 {@code failFast(false)})
     * @throws ValidationException  for a key with leading or trailing whitespace (Infisical trims keys)
     * @throws InfisicalException      with {@code serveStale(false)}, when the data is older than the max staleness
     */
    public String get(String key) {
        return engine.get(key);
    }

    /**
     * The value of a key, if present.
     *
     * @param key the exact key name (keys are case-sensitive)
     * @return the current value, or empty when the key is absent
     */
    public Optional<String> find(String key) {
        return engine.find(key);
    }

    /**
     * The current snapshot (immutable; take it once to read several keys consistently). A refresh
     * answered with 304 replaces the snapshot (newer {@code fetchedAt}) but keeps its
     * {@link SecretSnapshot#revision()}, so derived data may be cached per revision.
     *
     * @return the current snapshot, never null (empty before a {@code failFast(false)} view has loaded)
     */
    public SecretSnapshot snapshot() {
        return engine.snapshot();
    }

    /**
     * Refreshes now, on the calling thread. Single-flight: when a refresh of this view is already
     * running, waits for it and returns its result instead of sending a second request.
     *
     * @return what changed (empty when the server answered 304 or nothing changed)
     * @throws InfisicalException when the refresh fails; the last good snapshot stays in place
     * @throws IllegalStateException after {@link #close()}
     */
    public SecretChange refreshNow() {
        if (engine.isClosed()) {
            throw new IllegalStateException("this LiveSecrets is closed");
        }
        return engine.refresh();
    }

    /**
     * Registers a listener; close the returned handle to remove it. Listeners run on the listener
     * executor, one change at a time in refresh order, and hear key names only. A listener that
     * throws is logged (type only, never its message) and stops neither the others nor the refresh loop.
     *
     * <pre>{@code
     * Subscription sub = live.addListener(change -> pool.rotate(change.changed()));
     * sub.close(); // removes it; close() throws no checked exception
     * }</pre>
     *
     * @param listener called with the key names of each change; should return quickly
     * @return the handle that removes the listener
     */
    public Subscription addListener(Consumer<SecretChange> listener) {
        return engine.addListener(listener);
    }

    /**
     * Registers a listener that also hears what changed since a snapshot taken earlier: for adapters
     * that captured a snapshot at startup (to build their property source, say) and subscribe later.
     * If the current snapshot differs from {@code since}, the listener first gets the change from
     * {@code since} to the current snapshot (on the listener executor, like every event); then every
     * later refresh as usual. Registration and that comparison are one step: a refresh cannot slip in
     * between, so every change after {@code since} is heard exactly once, and nothing is delivered when
     * nothing changed (a 304 refresh in between changes nothing).
     *
     * <pre>{@code
     * SecretSnapshot atStartup = live.snapshot();
     * PropertySource<?> source = buildPropertySource(atStartup);
     * // ... later, when the context is ready:
     * Subscription sub = live.addListener(atStartup, change -> refreshBeans(change.allKeys()));
     * }</pre>
     *
     * @param since a snapshot of this view (any earlier {@link #snapshot()}, or {@link SecretSnapshot#empty()})
     * @param listener called with the key names of each change; should return quickly
     * @return the handle that removes the listener
     */
    public Subscription addListener(SecretSnapshot since, Consumer<SecretChange> listener) {
        return engine.addListener(since, listener);
    }

    /**
     * Current health, measured with the client's clock.
     *
     * @return whether the view is loaded, stale or healthy, when the server last confirmed it and the failures since
     */
    public LiveStatus status() {
        return engine.status();
    }

    /**
     * The query this view loads.
     *
     * @return the query given to the builder
     */
    public SecretQuery query() {
        return engine.query();
    }

    /**
     * Stops refreshing and drops the listeners; idempotent. Does not close the client. The library
     * threads stop when no live view uses them any more; an injected scheduler or executor is left
     * running (it is the application's). Reads keep answering from the last snapshot.
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return engine.toString();
    }

    /**
     * Configures and starts a {@link LiveSecrets}.
     *
     * <pre>{@code
     * client.live(query).resyncInterval(Duration.ofSeconds(30)).maxStaleness(Duration.ofMinutes(10)).start();
     * }</pre>
     *
     * <p>A setter refuses a bad argument at once ({@code null}: {@link NullPointerException}; out of range:
     * {@link IllegalArgumentException}), as every builder of this library does.
     */
    public static final class Builder {
        private final InfisicalClient client;
        private final SecretQuery query;
        private Duration resyncInterval = Duration.ofSeconds(60);
        private Duration maxStaleness = Duration.ZERO;
        private boolean failFast = true;
        private ScheduledExecutorService scheduler;
        private Executor listenerExecutor;
        private boolean serveStale = true;

        private Builder(InfisicalClient client, SecretQuery query) {
            this.client = Objects.requireNonNull(client, "client");
            this.query = Objects.requireNonNull(query, "query");
        }

        /**
         * Refresh period (default 60 s, ±10 % jitter); {@code ZERO} = never refresh in the background.
         *
         * @param value zero, or a positive duration of at most a year
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative or longer than a year
         */
        public Builder resyncInterval(Duration value) {
            Objects.requireNonNull(value, "resyncInterval");
            if (value.isNegative()) {
                throw new IllegalArgumentException("resyncInterval " + value + " is negative; use a positive "
                        + "duration such as 60s, or 0 to never refresh in the background");
            }
            if (value.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException("resyncInterval " + value + " is longer than a year; use 0 to "
                        + "never refresh in the background");
            }
            this.resyncInterval = value;
            return this;
        }

        /**
         * Age after which {@link LiveStatus#healthy()} turns false; {@code ZERO} (default) = never.
         *
         * @param value zero, or a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative
         */
        public Builder maxStaleness(Duration value) {
            Objects.requireNonNull(value, "maxStaleness");
            if (value.isNegative()) {
                throw new IllegalArgumentException("maxStaleness " + value + " is negative; use a positive "
                        + "duration, or 0 for no limit");
            }
            this.maxStaleness = value;
            return this;
        }

        /**
         * {@code true} (default): {@link #start()} throws when the first load fails. {@code false}:
         * when the first load fails or takes more than about five seconds, starts empty, logs one
         * warning, and keeps loading in the background.
         *
         * @param value whether a failed first load makes {@link #start()} throw
         * @return this builder
         */
        public Builder failFast(boolean value) {
            this.failFast = value;
            return this;
        }

        /**
         * {@code true} (default): values older than {@link #maxStaleness(Duration)} are still served
         * (status says unhealthy). {@code false}: reads throw {@link InfisicalException} instead, for
         * applications where an outdated secret is worse than none. Needs a max staleness.
         *
         * @param value whether values past the max staleness are still served
         * @return this builder
         */
        public Builder serveStale(boolean value) {
            this.serveStale = value;
            return this;
        }

        /**
         * Scheduler for refreshes, which then also run on it (default: the library's shared daemon threads).
         *
         * @param value the scheduler; the caller owns it and shuts it down
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Where listeners run (default: off the refresh thread, on a library daemon thread).
         *
         * @param value the executor listeners run on; the caller owns it
         * @return this builder
         */
        public Builder listenerExecutor(Executor value) {
            this.listenerExecutor = Objects.requireNonNull(value, "listenerExecutor");
            return this;
        }

        /**
         * Loads once and starts refreshing.
         *
         * @throws InfisicalException    with {@code failFast(true)}, when the first load fails
         * @return the started view; close it (or the client) to stop refreshing
         * @throws IllegalStateException when {@code serveStale(false)} was set without a max staleness
         */
        public LiveSecrets start() {
            if (!serveStale && maxStaleness.isZero()) {
                throw new IllegalStateException("serveStale(false) needs a max staleness: also set "
                        + "maxStaleness(...), e.g. Duration.ofMinutes(10)");
            }
            RefreshingSnapshot engine = new RefreshingSnapshot(client.secrets(), client.clock(), query,
                    new LiveSettings(resyncInterval, maxStaleness, failFast, serveStale, scheduler, listenerExecutor),
                    client.runtime().warnings());
            engine.start();
            return new LiveSecrets(engine);
        }
    }
}
