package dev.infisicalpro;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A deterministic {@link ScheduledExecutorService} for tests: nothing runs until the test calls
 * {@link #advance(Duration)} or {@link #runNext()}, and then it runs on the test's own thread, in
 * due-time order. Time is virtual; an optional hook moves a fake clock along with it.
 * Test infrastructure (a scheduler), not a stand-in for any class of ours.
 */
final class LiveManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
            Comparator.<Task<?>>comparingLong(t -> t.due).thenComparingLong(t -> t.seq));
    private final AtomicLong seq = new AtomicLong();
    private final Consumer<Duration> onAdvance;
    private long now;
    private boolean shutdown;

    LiveManualScheduler(Consumer<Duration> onAdvance) {
        this.onAdvance = onAdvance;
    }

    LiveManualScheduler() {
        this(d -> { });
    }

    /** Moves virtual time forward by {@code d}, running each task that falls due, in order. */
    synchronized void advance(Duration d) {
        long target = now + d.toNanos();
        while (true) {
            Task<?> head = queue.peek();
            if (head == null || head.due > target) {
                break;
            }
            queue.poll();
            moveTo(head.due);
            head.run();
        }
        moveTo(target);
    }

    /** Jumps to the next task and runs it; returns the delay that was waited. */
    synchronized Duration runNext() {
        Task<?> head = queue.poll();
        if (head == null) {
            throw new IllegalStateException("nothing scheduled");
        }
        long waited = Math.max(0, head.due - now);
        moveTo(head.due);
        head.run();
        return Duration.ofNanos(waited);
    }

    private void moveTo(long t) {
        if (t > now) {
            onAdvance.accept(Duration.ofNanos(t - now));
            now = t;
        }
    }

    /** Delays (from now) of the pending, uncancelled tasks, soonest first. */
    synchronized List<Duration> pendingDelays() {
        List<Task<?>> tasks = new ArrayList<>(queue);
        tasks.sort(queue.comparator());
        List<Duration> out = new ArrayList<>();
        for (Task<?> t : tasks) {
            out.add(Duration.ofNanos(t.due - now));
        }
        return out;
    }

    synchronized int pending() {
        return queue.size();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<Void>(() -> {
            command.run();
            return null;
        }, now + unit.toNanos(Math.max(0, delay))));
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, now + unit.toNanos(Math.max(0, delay))));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by live secrets");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by live secrets");
    }

    private <V> Task<V> enqueue(Task<V> task) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        queue.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        final long due;
        final long seq = LiveManualScheduler.this.seq.incrementAndGet();

        Task(Callable<V> callable, long due) {
            super(callable);
            this.due = due;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            synchronized (LiveManualScheduler.this) {
                queue.remove(this);
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (LiveManualScheduler.this) {
                return unit.convert(due - now, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public void run() {
            super.run();
            if (isDone() && !isCancelled()) {
                try {
                    get();
                } catch (ExecutionException e) {
                    throw new AssertionError("a scheduled task failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
