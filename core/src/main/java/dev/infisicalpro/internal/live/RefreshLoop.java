package dev.infisicalpro.internal.live;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.RateLimitException;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.internal.Warnings;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The background refresh loop of one live view: when the next refresh runs (the resync interval with
 * jitter after a success; {@link Backoff} after a failure, slowly after refused credentials), where it
 * runs (the application's scheduler, or the shared timer handing off to the shared workers so the timer
 * never waits on a server), and the lease on those shared threads. The state and the refresh itself
 * stay in {@link RefreshingSnapshot}. Not API.
 */
final class RefreshLoop {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.live");
    private static final long HAND_OFF_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** What the loop drives. */
    interface Target {
        /** One refresh on the calling thread; throws its failure (already counted in the health). */
        void refreshInBackground();

        /** Failed refreshes in a row, including the one just thrown. */
        int failures();
    }

    private final Target target;
    private final SecretQuery query; // for messages only
    private final Duration resyncInterval;
    private final Warnings warnings;
    private final ScheduledExecutorService scheduler;
    private final boolean sharedScheduler;
    /** Where background refreshes run with the shared timer; null when the application gave a scheduler. */
    private final ExecutorService workers;
    private final Object scheduleLock = new Object();
    private volatile boolean closed;
    private ScheduledFuture<?> next; // guarded by scheduleLock

    RefreshLoop(Target target, SecretQuery query, LiveSettings settings, Warnings warnings) {
        this.target = target;
        this.query = query;
        this.resyncInterval = settings.resyncInterval();
        this.warnings = warnings;
        if (settings.scheduler() != null) {
            this.scheduler = settings.scheduler();
            this.sharedScheduler = false;
            this.workers = null;
        } else {
            this.scheduler = SharedDaemonExecutor.REFRESH.acquireScheduler();
            this.sharedScheduler = true;
            this.workers = SharedDaemonExecutor.WORKERS.acquire();
        }
    }

    /** After a successful first load: the next refresh one resync interval on (none when it is zero). */
    void afterSuccess() {
        if (!resyncInterval.isZero()) {
            schedule(Backoff.resyncNanos(resyncInterval));
        }
    }

    /** After a failed first load: the next attempt after the backoff for {@code e}. */
    void afterFailure(Throwable e) {
        schedule(failureDelay(e));
    }

    private void backgroundRefresh() {
        if (closed) {
            return;
        }
        long delay;
        try {
            target.refreshInBackground();
            delay = resyncInterval.isZero() ? -1 : Backoff.resyncNanos(resyncInterval);
        } catch (RuntimeException e) {
            delay = failureDelay(e);
        } catch (VirtualMachineError e) {
            // Out of memory or stack: still try once more later (the condition may pass), but let the
            // error through; the refresh has already counted it in status().
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
        int failures = Math.max(1, target.failures());
        if (e instanceof AuthenticationException) {
            // Retrying bad credentials quickly can lock the identity out on newer servers; go slow.
            return Backoff.cap(resyncInterval).toNanos();
        }
        Duration retryAfter = e instanceof RateLimitException rl ? rl.retryAfter() : null;
        return Backoff.failureNanos(failures, resyncInterval, retryAfter);
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

    /** True once stopped. */
    boolean isClosed() {
        return closed;
    }

    /** Cancels the next refresh; false when already stopped. {@link #release()} gives the threads back. */
    boolean stop() {
        synchronized (scheduleLock) {
            if (closed) {
                return false;
            }
            closed = true;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            return true;
        }
    }

    /** Releases the shared timer and workers this loop leased; call once, after {@link #stop()}. */
    void release() {
        if (sharedScheduler) {
            SharedDaemonExecutor.REFRESH.release();
            SharedDaemonExecutor.WORKERS.release();
        }
    }
}
