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
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                tasks.clear();
                running = false;
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            next.run(); // tasks handle their own exceptions
        }
    }
}
