package dev.infisicalpro.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One operation on the current thread: the deadline every request and retry pause inside it must
 * meet, and the handle that cancels it from another thread (a live view's {@code close()} ends a
 * hung refresh instead of leaving its thread blocked in a socket read). Operations nest: an inner
 * one (a login inside a read) gets the earlier of the two deadlines. Not API.
 *
 * <pre>{@code
 * try (Operation op = Operation.begin(Duration.ofSeconds(5))) {
 *     secrets.list(scope, options);           // every request inside finishes or fails within 5 s
 * }
 * // elsewhere: op.cancel();                   // aborts the request in flight at once
 * }</pre>
 */
public final class Operation implements AutoCloseable {

    private static final ThreadLocal<Operation> CURRENT = new ThreadLocal<>();

    private final Operation outer;
    private final long deadlineNanos; // System.nanoTime() based; Long.MAX_VALUE = none
    private volatile boolean cancelled;
    private volatile okhttp3.Call inFlight;
    private boolean closed;

    private Operation(Operation outer, long deadlineNanos) {
        this.outer = outer;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Starts an operation on this thread that must end within {@code budget} (null or negative: no
     * deadline of its own); pair with {@link #close()} on the same thread.
     */
    public static Operation begin(Duration budget) {
        Operation outer = CURRENT.get();
        long now = System.nanoTime();
        long own = budget == null || budget.isNegative() ? Long.MAX_VALUE : now + saturatedNanos(budget);
        if (own < now) {
            own = Long.MAX_VALUE; // overflow: no deadline
        }
        long deadline = outer == null ? own : Math.min(own, outer.deadlineNanos);
        Operation op = new Operation(outer, deadline);
        CURRENT.set(op);
        return op;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    /** Nanoseconds left before the deadline (negative when it has passed); Long.MAX_VALUE when none. */
    public long remainingNanos() {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
    }

    /** True when this operation, or one it runs inside, was cancelled. */
    public boolean cancelled() {
        for (Operation o = this; o != null; o = o.outer) {
            if (o.cancelled) {
                return true;
            }
        }
        return false;
    }

    /** Aborts the request in flight and wakes a retry pause; the operation then fails. Any thread. */
    public void cancel() {
        cancelled = true;
        okhttp3.Call c = inFlight;
        if (c != null) {
            c.cancel(); // closes the socket: a blocked read returns at once
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** Registers the request now in flight (null when it ended), so {@link #cancel()} can abort it. */
    void inFlight(okhttp3.Call call) {
        for (Operation o = this; o != null; o = o.outer) {
            o.inFlight = call;
        }
        if (call != null && cancelled()) {
            call.cancel();
        }
    }

    /** Waits {@code d}, or less when cancelled; never past the deadline. */
    void pause(Duration d) throws InterruptedException {
        long end = System.nanoTime() + Math.min(saturatedNanos(d), Math.max(0, remainingNanos()));
        synchronized (this) {
            while (!cancelled()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
    }

    /** The operation running on this thread, if any. */
    static Operation current() {
        return CURRENT.get();
    }

    /** Ends this operation; the outer one (if any) is current again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (CURRENT.get() == this) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
