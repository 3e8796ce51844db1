package dev.infisicalpro.internal.live;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.Provenance;
import dev.infisicalpro.RateLimitException;
import dev.infisicalpro.Scope;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretChange;
import dev.infisicalpro.SecretListing;
import dev.infisicalpro.SecretNotFoundException;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.Secrets;
import dev.infisicalpro.Subscription;
import dev.infisicalpro.internal.Operation;
import dev.infisicalpro.internal.Warnings;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine behind {@code LiveSecrets}: an immutable {@link State} swapped through one volatile
 * field, a single-flight refresh, a self-rescheduling background loop, and change delivery on a
 * listener executor. Not API.
 *
 * <p>Threading: readers only ever read {@link #state} (one volatile load, then immutable data).
 * Refreshes are single-flight ({@link #inFlight}), so every field written by a refresh
 * ({@link #state}, {@link #health}, {@link #lastCollisions}) has one writer at a time.
 */
public final class RefreshingSnapshot implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.live");
    private static final SecretChange NO_CHANGE = SecretChange.none();

    private final Secrets secrets;
    private final Clock clock;
    private final SecretQuery query;
    private final Warnings warnings;
    private final List<Scope> scopes;
    private final LiveSettings settings;
    private final boolean rejectStale;
    private final ScheduledExecutorService scheduler;
    private final boolean sharedScheduler;
    /** Where background refreshes run with the shared timer; null when the application gave a scheduler. */
    private final ExecutorService workers;
    private final SerialExecutor events;
    private final boolean sharedEvents;
    private final CopyOnWriteArrayList<Registration> listeners = new CopyOnWriteArrayList<>();
    /**
     * Makes "publish a new state and queue its change for the listeners registered now" one step
     * against {@link #addListener(SecretSnapshot, Consumer)}: a listener registered with a baseline
     * either hears the refresh's change or has it folded into its catch-up change, never both or neither.
     */
    private final Object publishLock = new Object();
    private final AtomicReference<CompletableFuture<Outcome>> inFlight = new AtomicReference<>();
    private final Object scheduleLock = new Object();

    private volatile State state;
    private volatile Health health = new Health(null, 0, null);
    private volatile boolean closed;
    /** The refresh in flight, for {@link #close()} to cancel; null when none. */
    private volatile Operation running;
    private ScheduledFuture<?> next;         // guarded by scheduleLock
    private String lastCollisions = "";      // written by the refresh in flight only

    /**
     * What readers see. {@code values} is a private {@link HashMap} that is never mutated after the
     * volatile write that publishes it, which makes {@code get} one hash lookup with no allocation.
     */
    private record State(SecretSnapshot snapshot, Map<String, String> values, List<Map<String, Secret>> perPath,
                         List<String> etags, boolean loaded) {
        @Override
        public String toString() {
            // the default record toString would print every value
            return "State[keys=" + values.size() + ", loaded=" + loaded + ", etags=" + etags + "]";
        }
    }

    /**
     * What one refresh did, with the change worked out only when someone asks (a caller of
     * {@code refreshNow()} or a listener): a first load or a background refresh nobody listens to
     * skips the diff of every key.
     */
    private static final class Outcome {
        static final Outcome UNCHANGED = new Outcome(Map.of(), Map.of());
        private final Map<String, String> before;
        private final Map<String, String> after;
        private volatile SecretChange change;

        Outcome(Map<String, String> before, Map<String, String> after) {
            this.before = before;
            this.after = after;
        }

        SecretChange change() {
            SecretChange c = change;
            if (c == null) {
                c = diff(before, after); // idempotent: a race computes the same value twice at worst
                change = c;
            }
            return c;
        }
    }

    /**
     * With fail-fast off, how long {@link #start()} tries the first load before it returns and goes on
     * loading in the background: a server that hangs or trickles must not hold up application startup,
     * while a healthy one still delivers its values before start() returns.
     */
    static final Duration START_BUDGET_WITHOUT_FAIL_FAST = Duration.ofSeconds(5);

    /** Outcome bookkeeping; {@code lastSuccess} and {@code lastError} are null when there is none. */
    private record Health(Instant lastSuccess, int failures, String lastError) {
    }

    /** Creates the engine, warning through the logger only; {@link #start()} does the first load. */
    public RefreshingSnapshot(Secrets secrets, Clock clock, SecretQuery query, LiveSettings settings) {
        this(secrets, clock, query, settings, Warnings.LOG_ONLY);
    }

    /** Creates the engine; warnings also go to the client's sink; {@link #start()} does the first load. */
    public RefreshingSnapshot(Secrets secrets, Clock clock, SecretQuery query, LiveSettings settings,
                              Warnings warnings) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.query = Objects.requireNonNull(query, "query");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rejectStale = !settings.serveStale() && !settings.maxStaleness().isZero();
        List<Scope> s = new ArrayList<>(query.paths().size());
        List<Map<String, Secret>> emptyPerPath = new ArrayList<>(query.paths().size());
        List<String> emptyEtags = new ArrayList<>(query.paths().size());
        for (SecretPath path : query.paths()) {
            s.add(query.scope(path));
            emptyPerPath.add(Map.of());
            emptyEtags.add("");
        }
        this.scopes = List.copyOf(s);
        this.state = new State(new SecretSnapshot(Map.of(), "", Instant.EPOCH), new HashMap<>(),
                List.copyOf(emptyPerPath), List.copyOf(emptyEtags), false);
        if (settings.scheduler() != null) {
            this.scheduler = settings.scheduler();
            this.sharedScheduler = false;
            this.workers = null;
        } else {
            this.scheduler = SharedDaemonExecutor.REFRESH.acquireScheduler();
            this.sharedScheduler = true;
            this.workers = SharedDaemonExecutor.WORKERS.acquire();
        }
        Executor listenerExecutor;
        if (settings.listenerExecutor() != null) {
            listenerExecutor = settings.listenerExecutor();
            this.sharedEvents = false;
        } else {
            listenerExecutor = SharedDaemonExecutor.EVENTS.acquire();
            this.sharedEvents = true;
        }
        this.events = new SerialExecutor(listenerExecutor);
    }

    /**
     * First load, then the background loop. With fail-fast the first failure is thrown (and this
     * engine closed); without, one warning is logged and the loop retries with backoff.
     */
    public void start() {
        try {
            refreshOutcome(settings.failFast() ? null : START_BUDGET_WITHOUT_FAIL_FAST);
        } catch (RuntimeException | Error e) {
            if (settings.failFast() || e instanceof VirtualMachineError) {
                close();
                throw e;
            }
            warnings.warn(LOG, () -> "Infisical secrets for " + query + " could not be loaded at startup ("
                    + describe(e) + "); starting with no secrets and retrying in the background"
                    + " (fail-fast is off). A change event will list the keys once they load.");
            schedule(failureDelay(e));
            return;
        }
        if (!settings.resyncInterval().isZero()) {
            schedule(Backoff.resyncNanos(settings.resyncInterval()));
        }
    }

    // ---------------------------------------------------------------- reads (lock-free)

    /** The value, or {@link SecretNotFoundException}. Allocation-free when found. */
    public String get(String key) {
        State s = state;
        if (rejectStale) {
            checkFresh(s);
        }
        String value = s.values.get(Objects.requireNonNull(key, "key"));
        if (value == null) {
            throw notFound(key, s);
        }
        return value;
    }

    /** The value, if present. */
    public Optional<String> find(String key) {
        State s = state;
        if (rejectStale) {
            checkFresh(s);
        }
        String value = s.values.get(Objects.requireNonNull(key, "key"));
        if (value == null && surroundedByWhitespace(key)) {
            throw notFound(key, s);
        }
        return Optional.ofNullable(value);
    }

    private static boolean surroundedByWhitespace(String key) {
        return !key.isEmpty() && (Character.isWhitespace(key.charAt(0))
                || Character.isWhitespace(key.charAt(key.length() - 1)));
    }

    /** The current snapshot. */
    public SecretSnapshot snapshot() {
        State s = state;
        if (rejectStale) {
            checkFresh(s);
        }
        return s.snapshot;
    }

    /** Current health, measured with the client's clock. */
    public LiveStatus status() {
        Health h = health;
        boolean loaded = state.loaded;
        Duration age = age(h, clock.instant());
        boolean overMax = loaded && overMaxStaleness(age);
        return new LiveStatus(loaded, Optional.ofNullable(h.lastSuccess), age, h.failures,
                Optional.ofNullable(h.lastError), loaded && (h.failures > 0 || overMax), loaded && !overMax);
    }

    /** The query. */
    public SecretQuery query() {
        return query;
    }

    private static Duration age(Health h, Instant now) {
        if (h.lastSuccess == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(h.lastSuccess, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    private boolean overMaxStaleness(Duration age) {
        return !settings.maxStaleness().isZero() && age.compareTo(settings.maxStaleness()) > 0;
    }

    private void checkFresh(State s) {
        if (!s.loaded) {
            return; // nothing to be stale yet; a miss reports "not loaded"
        }
        Duration age = age(health, clock.instant());
        if (overMaxStaleness(age)) {
            throw new InfisicalException("live secrets for " + query + " are stale: last confirmed by the server "
                    + age.toSeconds() + " s ago, more than the max staleness of "
                    + settings.maxStaleness().toSeconds() + " s",
                    "check that Infisical is reachable (status().lastErrorType() says why refreshes fail), or allow"
                            + " stale values with serveStale(true)");
        }
    }

    private InfisicalException notFound(String key, State s) {
        if (surroundedByWhitespace(key)) {
            // the same rule as the client's operations: Infisical trims keys, so no key has such spaces
            return new dev.infisicalpro.ValidationException("secret key has leading or trailing whitespace",
                    "Infisical trims keys; pass the key without surrounding spaces");
        }
        if (!s.loaded) {
            return new SecretNotFoundException("secret '" + key + "' is not available: the secrets of " + query
                    + " have not loaded yet", "fail-fast is off and the first load has not succeeded; see"
                    + " status().lastErrorType(), or listen for the change event that reports the loaded keys");
        }
        return new SecretNotFoundException("secret '" + key + "' is not among the " + s.values.size()
                + " secrets of " + query, "key names are case-sensitive; check the secrets path, and whether the key"
                + " comes from an import (include-imports) or a sub-folder (recursive)");
    }

    // ---------------------------------------------------------------- refresh

    /**
     * Refreshes on the calling thread, or joins the refresh already running (single-flight). Returns
     * that refresh's change; throws its failure (the last good state stays in place).
     */
    public SecretChange refresh() {
        return refreshOutcome(null).change();
    }

    /** @param budget deadline of this refresh's requests beyond the client's own; null for none */
    private Outcome refreshOutcome(Duration budget) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> other = inFlight.compareAndExchange(null, mine);
        if (other != null) {
            return join(other);
        }
        Outcome outcome;
        try (Operation op = Operation.begin(budget)) {
            this.running = op;
            if (closed) {
                op.cancel(); // close() ran before this refresh registered itself
            }
            outcome = refreshOnce();
            inFlight.set(null);
            mine.complete(outcome);
        } catch (RuntimeException | Error e) {
            try {
                recordFailure(e);
            } catch (RuntimeException logging) {
                e.addSuppressed(logging); // a logging backend that throws must not hide the refresh's failure
            } finally {
                // whatever recordFailure did: free the slot and release the waiters
                inFlight.set(null);
                mine.completeExceptionally(e);
            }
            throw e;
        } finally {
            this.running = null;
            // a path that completed neither way must not leave the slot taken for ever (no-ops otherwise)
            inFlight.compareAndSet(mine, null);
            mine.completeExceptionally(new IllegalStateException("refresh ended without a result"));
        }
        deliverQueued(); // outside the try: a listener executor's trouble is not a failed refresh
        return outcome;
    }

    private static Outcome join(CompletableFuture<Outcome> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private Outcome refreshOnce() {
        State old = state;
        int n = scopes.size();
        List<Map<String, Secret>> perPath = new ArrayList<>(old.perPath);
        List<String> etags = new ArrayList<>(old.etags);
        boolean anyChanged = false;
        for (int i = 0; i < n; i++) {
            Optional<SecretListing> answer = secrets.listIfChanged(scopes.get(i), query.options(), old.etags.get(i));
            if (answer.isPresent()) {
                SecretListing listing = answer.get();
                // compact immutable copy: a folder's map is kept until that folder changes again
                perPath.set(i, Map.copyOf(shareProvenance(listing.effective())));
                etags.set(i, listing.etag());
                anyChanged = true;
            }
        }
        Instant now = clock.instant();
        if (!anyChanged && old.loaded) {
            // Every path answered 304: same data, newly confirmed. Nothing parsed, nothing diffed.
            state = new State(new SecretSnapshot(old.snapshot.secrets(), old.snapshot.etag(), now), old.values,
                    old.perPath, old.etags, true);
            recordSuccess(now);
            return Outcome.UNCHANGED;
        }
        Map<String, Secret> merged = merge(perPath);
        Map<String, String> values = new HashMap<>(Math.max(16, (int) (merged.size() / 0.75f) + 1));
        for (Map.Entry<String, Secret> e : merged.entrySet()) {
            values.put(e.getKey(), e.getValue().value());
        }
        SecretSnapshot snapshot = new SecretSnapshot(merged, n == 1 ? etags.get(0) : String.join(", ", etags), now);
        // with one folder its map is the snapshot's own (the listing's map becomes garbage)
        List<Map<String, Secret>> kept = n == 1 ? List.of(snapshot.secrets()) : List.copyOf(perPath);
        Outcome outcome = new Outcome(old.values, values);
        synchronized (publishLock) {
            state = new State(snapshot, values, kept, List.copyOf(etags), true);
            if (!listeners.isEmpty()) {
                publish(outcome.change());
            }
        }
        recordSuccess(now);
        return outcome;
    }

    /**
     * The parser gives every secret its own {@link Provenance} (and path and environment strings),
     * although a folder's secrets share one or two: re-point them at one instance each, so a kept
     * snapshot costs little more than its keys and values (benchmark B3). Empty comments likewise.
     */
    static Map<String, Secret> shareProvenance(Map<String, Secret> secrets) {
        Map<Provenance, Provenance> canonical = new HashMap<>();
        Map<String, Secret> out = new HashMap<>(Math.max(16, (int) (secrets.size() / 0.75f) + 1));
        for (Map.Entry<String, Secret> e : secrets.entrySet()) {
            Secret s = e.getValue();
            Provenance source = canonical.computeIfAbsent(s.source(), p -> p);
            String comment = s.comment().isEmpty() ? "" : s.comment();
            if (source != s.source() || comment != s.comment()) { // identity on purpose: already shared?
                s = new Secret(s.key(), s.value(), comment, s.version(), s.type(), source);
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    /** Folders merged in query order, later wins; one warning when the set of collisions changes. */
    private Map<String, Secret> merge(List<Map<String, Secret>> perPath) {
        if (perPath.size() == 1) {
            return perPath.get(0);
        }
        Map<String, Secret> merged = new HashMap<>();
        Map<String, List<SecretPath>> owners = new TreeMap<>();
        Map<String, Integer> firstOwner = new HashMap<>();
        for (int i = 0; i < perPath.size(); i++) {
            SecretPath path = query.paths().get(i);
            for (Map.Entry<String, Secret> e : perPath.get(i).entrySet()) {
                String key = e.getKey();
                if (merged.put(key, e.getValue()) == null) {
                    firstOwner.put(key, i);
                } else {
                    List<SecretPath> list = owners.computeIfAbsent(key,
                            k -> new ArrayList<>(List.of(query.paths().get(firstOwner.get(k)))));
                    list.add(path);
                }
            }
        }
        String signature = owners.toString(); // key names and paths only
        if (!signature.equals(lastCollisions)) {
            lastCollisions = signature;
            if (!owners.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                owners.forEach((k, paths) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" (in ")
                        .append(joinPaths(paths)).append(')'));
                warnings.warn(LOG, "Secret keys defined in more than one path of " + query
                        + "; the later path wins: " + sb);
            }
        }
        return merged;
    }

    private static String joinPaths(List<SecretPath> paths) {
        StringBuilder sb = new StringBuilder();
        for (SecretPath p : paths) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.value());
        }
        return sb.toString();
    }

    static SecretChange diff(Map<String, String> before, Map<String, String> after) {
        Set<String> added = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                added.add(e.getKey());
            } else if (!old.equals(e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                removed.add(key);
            }
        }
        if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
            return NO_CHANGE;
        }
        return new SecretChange(added, removed, changed);
    }

    private void recordSuccess(Instant now) {
        Health before = health;
        health = new Health(now, 0, null);
        if (before.failures > 0 && before.lastSuccess != null) {
            LOG.log(Level.INFO, () -> "Refreshing Infisical secrets for " + query + " works again after "
                    + before.failures + " failed attempt(s)");
        }
    }

    private void recordFailure(Throwable e) {
        Health before = health;
        Health after = new Health(before.lastSuccess, before.failures + 1, e.getClass().getSimpleName());
        health = after;
        if (!state.loaded || closed) {
            // start() reports the first failure (thrown, or one warning); retries stay quiet, and a
            // refresh cut short by close() is no news
            return;
        }
        if (after.failures == 1) {
            warnings.warn(LOG, () -> "Refreshing Infisical secrets for " + query + " failed (" + describe(e)
                    + "); serving the last good values and retrying with backoff");
        } else {
            LOG.log(Level.DEBUG, () -> "Refreshing Infisical secrets for " + query + " failed again ("
                    + after.failures + " in a row): " + e.getClass().getSimpleName());
        }
    }

    /** Exception messages of this library carry no secret material (design §5.11); others: type only. */
    private static String describe(Throwable e) {
        return e instanceof InfisicalException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getName();
    }

    // ---------------------------------------------------------------- background loop

    private void backgroundRefresh() {
        if (closed) {
            return;
        }
        long delay;
        try {
            refreshOutcome(null);
            delay = settings.resyncInterval().isZero() ? -1 : Backoff.resyncNanos(settings.resyncInterval());
        } catch (RuntimeException e) {
            delay = failureDelay(e);
        } catch (VirtualMachineError e) {
            // Out of memory or stack: still try once more later (the condition may pass), but let the
            // error through; refreshOutcome() has already counted it in status().
            schedule(failureDelay(e));
            throw e;
        } catch (Error e) {
            // Every other Error too (LinkageError from a dependency clash such as a forced Kotlin stdlib
            // under OkHttp, ServiceConfigurationError, AssertionError): it is counted in status() and
            // logged by type, and must not silently end the loop inside a ScheduledFuture.
            delay = failureDelay(e);
        }
        if (delay > 0) {
            schedule(delay);
        }
    }

    private long failureDelay(Throwable e) {
        int failures = Math.max(1, health.failures);
        if (e instanceof AuthenticationException) {
            // Retrying bad credentials quickly can lock the identity out on newer servers; go slow.
            return Backoff.cap(settings.resyncInterval()).toNanos();
        }
        Duration retryAfter = e instanceof RateLimitException rl ? rl.retryAfter() : null;
        return Backoff.failureNanos(failures, settings.resyncInterval(), retryAfter);
    }

    private void schedule(long delayNanos) {
        synchronized (scheduleLock) {
            if (closed) {
                return;
            }
            try {
                next = scheduler.schedule(workers == null ? this::backgroundRefresh : this::handOff, delayNanos,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                warnings.warn(LOG, "The scheduler of the live secrets for " + query
                        + " rejected the next refresh; values will no longer refresh in the background");
            }
        }
    }

    /** On the timer thread: start the due refresh on a worker, so the timer never waits on a server. */
    private void handOff() {
        if (closed) {
            return;
        }
        try {
            workers.execute(this::backgroundRefresh);
        } catch (RejectedExecutionException e) {
            // every worker is busy with a hung server (each bounded by its call deadline): try again shortly
            schedule(HAND_OFF_RETRY_NANOS);
        }
    }

    private static final long HAND_OFF_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    // ---------------------------------------------------------------- listeners

    /**
     * One registration of a listener. Removal is by this object's identity, once: closing it twice, or
     * closing it when the same listener instance is registered again elsewhere, touches no other
     * registration.
     */
    private static final class Registration implements Subscription {
        private final Consumer<SecretChange> listener;
        private final CopyOnWriteArrayList<Registration> owner;
        private final AtomicBoolean active = new AtomicBoolean(true);

        Registration(Consumer<SecretChange> listener, CopyOnWriteArrayList<Registration> owner) {
            this.listener = listener;
            this.owner = owner;
        }

        @Override
        public void close() {
            if (active.compareAndSet(true, false)) {
                owner.remove(this); // Registration keeps Object.equals: removes exactly this one
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + listener.getClass().getName() + (active.get() ? "" : ", closed") + "]";
        }
    }

    /** Adds a listener; closing the handle removes it. */
    public Subscription addListener(Consumer<SecretChange> listener) {
        Registration registration = new Registration(Objects.requireNonNull(listener, "listener"), listeners);
        listeners.add(registration);
        return registration;
    }

    /**
     * Adds a listener and, in the same step (no refresh can publish in between), queues for it alone
     * the change from {@code since} to the current snapshot when they differ. Every later refresh is
     * delivered as usual, so a change is heard exactly once.
     */
    public Subscription addListener(SecretSnapshot since, Consumer<SecretChange> listener) {
        Objects.requireNonNull(since, "since");
        Registration registration = new Registration(Objects.requireNonNull(listener, "listener"), listeners);
        boolean queued = false;
        synchronized (publishLock) {
            listeners.add(registration);
            State s = state;
            // same map instance = same data (a 304 keeps it); otherwise compare the values
            SecretChange missed = since.secrets() == s.snapshot.secrets() ? NO_CHANGE : diff(since.values(), s.values);
            if (!missed.isEmpty() && !closed) {
                List<Registration> only = List.of(registration);
                events.enqueue(() -> deliver(missed, only));
                queued = true;
            }
        }
        if (queued) {
            deliverQueued();
        }
        return registration;
    }

    /**
     * Queues the change, for the listeners registered now, while the refresh still holds the
     * single-flight slot (keeps refresh order). Called under {@link #publishLock}.
     */
    private void publish(SecretChange change) {
        if (change.isEmpty() || listeners.isEmpty() || closed) {
            return;
        }
        List<Registration> targets = List.copyOf(listeners);
        events.enqueue(() -> deliver(change, targets));
    }

    /** Starts delivery of queued changes; called after the single-flight slot is released. */
    private void deliverQueued() {
        try {
            events.kick();
        } catch (RejectedExecutionException e) {
            warnings.warn(LOG, "The listener executor of the live secrets for " + query
                    + " rejected a change event; listeners missed it");
        } catch (RuntimeException e) {
            warnings.warn(LOG, "The listener executor of the live secrets for " + query + " threw "
                    + e.getClass().getName() + " when handed a change event; listeners missed it");
        }
    }

    private void deliver(SecretChange change, List<Registration> targets) {
        for (Registration registration : targets) {
            if (closed) {
                return;
            }
            if (!registration.active.get()) {
                continue; // closed after the change was queued
            }
            Consumer<SecretChange> listener = registration.listener;
            try {
                listener.accept(change);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                // The listener's own message is not logged: it may quote the secret it was handling.
                warnings.warn(LOG, "A change listener (" + listener.getClass().getName() + ") of the live"
                        + " secrets for " + query + " threw " + t.getClass().getName() + " for keys "
                        + change.allKeys() + "; the other listeners and the refresh loop go on");
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Number of registered listeners. */
    public int listenerCount() {
        return listeners.size();
    }

    /** Stops the loop and releases the library threads this engine leased; idempotent. */
    @Override
    public void close() {
        synchronized (scheduleLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        }
        Operation op = running;
        if (op != null) {
            op.cancel(); // a refresh blocked on a hung server ends now, not when its deadline passes
        }
        listeners.clear();
        if (sharedEvents) {
            SharedDaemonExecutor.EVENTS.release();
        }
        if (sharedScheduler) {
            SharedDaemonExecutor.REFRESH.release();
            SharedDaemonExecutor.WORKERS.release();
        }
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        State s = state;
        return "LiveSecrets[" + query + ", keys=" + s.values.size() + ", loaded=" + s.loaded + ", closed=" + closed
                + "]";
    }
}
