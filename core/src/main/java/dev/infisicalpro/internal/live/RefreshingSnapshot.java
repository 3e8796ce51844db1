package dev.infisicalpro.internal.live;

import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveStatus;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine behind {@code LiveSecrets}: an immutable {@link State} swapped through one volatile
 * field, lock-free reads of it, and the single-flight refresh. The rest has its own class:
 * {@link SnapshotAssembly} (pure: merge, shared provenance, diff), {@link ChangeFeed} (listeners,
 * ordered delivery), {@link RefreshLoop} (when and on which thread the next refresh runs) and
 * {@link RefreshHealth} (what {@code status()} says, staleness, failure logs). Not API.
 *
 * <p>Threading: readers only ever read {@link #state} (one volatile load, then immutable data).
 * Refreshes are single-flight ({@link #inFlight}), so every field written by a refresh
 * ({@link #state}, {@link #lastCollisions}, the counts in {@link #health}) has one writer at a time.
 *
 * <p>Over 400 lines because the reads, the single-flight refresh and {@code close()} all turn on the one
 * {@link State} record and the order in which it is published; what does not is in the classes above.
 */
public final class RefreshingSnapshot implements AutoCloseable, RefreshLoop.Target {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.live");

    private final Secrets secrets;
    private final Clock clock;
    private final SecretQuery query;
    private final Warnings warnings;
    private final List<Scope> scopes;
    private final LiveSettings settings;
    private final boolean rejectStale;
    private final RefreshHealth health;
    private final RefreshLoop loop;
    private final ChangeFeed feed;
    private final AtomicReference<CompletableFuture<Outcome>> inFlight = new AtomicReference<>();

    private volatile State state;
    /** The refresh in flight, for {@link #close()} to cancel; null when none. */
    private volatile Operation running;
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
                c = SnapshotAssembly.diff(before, after); // idempotent: a race computes the same value twice at worst
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
        this.health = new RefreshHealth(query, clock, settings.maxStaleness(), warnings);
        this.loop = new RefreshLoop(this, query, settings, warnings);
        this.feed = new ChangeFeed(query, settings, warnings);
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
                    + RefreshHealth.describe(e) + "); starting with no secrets and retrying in the background"
                    + " (fail-fast is off). A change event will list the keys once they load.");
            loop.afterFailure(e);
            return;
        }
        loop.afterSuccess();
    }

    // ---------------------------------------------------------------- reads (lock-free)

    /** The value, or {@link SecretNotFoundException}. Allocation-free when found. */
    public String get(String key) {
        State s = state;
        if (rejectStale) {
            health.checkFresh(s.loaded);
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
            health.checkFresh(s.loaded);
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
            health.checkFresh(s.loaded);
        }
        return s.snapshot;
    }

    /** Current health, measured with the client's clock. */
    public LiveStatus status() {
        return health.status(state.loaded);
    }

    /** The query. */
    public SecretQuery query() {
        return query;
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

    /** The loop's background refresh: like {@link #refresh()}, with the change left unworked. */
    @Override
    public void refreshInBackground() {
        refreshOutcome(null);
    }

    /** Failed refreshes in a row. */
    @Override
    public int failures() {
        return health.failures();
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
            if (loop.isClosed()) {
                op.cancel(); // close() ran before this refresh registered itself
            }
            outcome = refreshOnce();
            inFlight.set(null);
            mine.complete(outcome);
        } catch (RuntimeException | Error e) {
            try {
                // start() reports the first failure (thrown, or one warning); retries stay quiet, and a
                // refresh cut short by close() is no news
                health.failure(e, !state.loaded || loop.isClosed());
            } catch (RuntimeException logging) {
                e.addSuppressed(logging); // a logging backend that throws must not hide the refresh's failure
            } finally {
                // whatever failure() did: free the slot and release the waiters
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
        feed.deliverQueued(); // outside the try: a listener executor's trouble is not a failed refresh
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
                perPath.set(i, Map.copyOf(SnapshotAssembly.shareProvenance(listing.effective())));
                etags.set(i, listing.etag());
                anyChanged = true;
            }
        }
        Instant now = clock.instant();
        if (!anyChanged && old.loaded) {
            // Every path answered 304: same data, newly confirmed. Nothing parsed, nothing diffed.
            state = new State(new SecretSnapshot(old.snapshot.secrets(), old.snapshot.etag(), now), old.values,
                    old.perPath, old.etags, true);
            health.success(now);
            return Outcome.UNCHANGED;
        }
        SnapshotAssembly.Merged assembled = SnapshotAssembly.merge(query.paths(), perPath);
        if (n > 1) {
            reportCollisions(assembled.collisions());
        }
        Map<String, Secret> merged = assembled.secrets();
        Map<String, String> values = SnapshotAssembly.values(merged);
        SecretSnapshot snapshot = new SecretSnapshot(merged, n == 1 ? etags.get(0) : String.join(", ", etags), now);
        // with one folder its map is the snapshot's own (the listing's map becomes garbage)
        List<Map<String, Secret>> kept = n == 1 ? List.of(snapshot.secrets()) : List.copyOf(perPath);
        Outcome outcome = new Outcome(old.values, values);
        State next = new State(snapshot, values, kept, List.copyOf(etags), true);
        feed.publish(() -> state = next, outcome::change);
        health.success(now);
        return outcome;
    }

    /** One warning when the set of keys defined in more than one path changes (names and paths only). */
    private void reportCollisions(Map<String, List<SecretPath>> collisions) {
        String signature = collisions.toString();
        if (!signature.equals(lastCollisions)) {
            lastCollisions = signature;
            if (!collisions.isEmpty()) {
                warnings.warn(LOG, "Secret keys defined in more than one path of " + query
                        + "; the later path wins: " + SnapshotAssembly.collisionReport(collisions));
            }
        }
    }

    // ---------------------------------------------------------------- listeners

    /** Adds a listener; closing the handle removes it. */
    public Subscription addListener(Consumer<SecretChange> listener) {
        return feed.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener and, in the same step (no refresh can publish in between), queues for it alone
     * the change from {@code since} to the current snapshot when they differ. Every later refresh is
     * delivered as usual, so a change is heard exactly once.
     */
    public Subscription addListener(SecretSnapshot since, Consumer<SecretChange> listener) {
        Objects.requireNonNull(since, "since");
        return feed.add(Objects.requireNonNull(listener, "listener"), () -> {
            State s = state;
            // same map instance = same data (a 304 keeps it); otherwise compare the values
            return since.secrets() == s.snapshot.secrets() ? SnapshotAssembly.NO_CHANGE
                    : SnapshotAssembly.diff(since.values(), s.values);
        });
    }

    // ---------------------------------------------------------------- lifecycle

    /** Number of registered listeners. */
    public int listenerCount() {
        return feed.size();
    }

    /** Stops the loop and releases the library threads this engine leased; idempotent. */
    @Override
    public void close() {
        if (!loop.stop()) {
            return;
        }
        Operation op = running;
        if (op != null) {
            op.cancel(); // a refresh blocked on a hung server ends now, not when its deadline passes
        }
        feed.close();
        loop.release();
    }

    /** True once closed. */
    public boolean isClosed() {
        return loop.isClosed();
    }

    @Override
    public String toString() {
        State s = state;
        return "LiveSecrets[" + query + ", keys=" + s.values.size() + ", loaded=" + s.loaded + ", closed=" + loop.isClosed()
                + "]";
    }
}
