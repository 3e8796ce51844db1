package dev.infisicalpro.internal.live;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor (which may be a pool), so
 * a view's change events reach listeners in the order the refreshes happened. Not API.
 */
final class SerialExecutor implements Executor {

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by this
    private boolean running;                                 // guarded by this

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        enqueue(task);
        kick();
    }

    /** Queues a task without running it; {@link #kick()} starts the queue. */
    void enqueue(Runnable task) {
        synchronized (this) {
            tasks.add(task);
        }
    }

    /**
     * Hands the queue to the delegate unless it is already being drained or empty. Separate from
     * {@link #enqueue} so a refresh can queue its event while it holds the single-flight slot (which
     * fixes the order) and start delivery only after releasing it (so a listener on a direct
     * executor may call {@code refreshNow()} without waiting for itself).
     */
    void kick() {
        synchronized (this) {
            if (running || tasks.isEmpty()) {
                return;
            }
            running = true;
        }
        boolean handedOver = false;
        try {
            delegate.execute(this::drain);
            handedOver = true;
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear(); // a shut-down executor will not take them later either
            }
            throw e;
        } finally {
            if (!handedOver) {
                // whatever the delegate threw, the next kick must be able to try again
                synchronized (this) {
                    running = false;
                }
            }
        }
    }

    private void drain() {
        boolean finished = false;
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                    if (next == null) {
                        running = false;
                        finished = true;
                        return;
                    }
                }
                next.run(); // tasks handle their own exceptions, except VirtualMachineError
            }
        } finally {
            if (!finished) {
                // A task threw (a VirtualMachineError that listeners pass through): release the queue so
                // this view keeps delivering, and hand the remaining events to a fresh drain.
                synchronized (this) {
                    running = false;
                }
                try {
                    kick();
                } catch (RuntimeException e) {
                    // the delegate refused: those events are lost, later ones still get a chance
                }
            }
        }
    }
}
