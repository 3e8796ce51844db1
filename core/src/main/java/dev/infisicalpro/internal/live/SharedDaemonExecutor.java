package dev.infisicalpro.internal.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Library-wide daemon threads shared by every {@code LiveSecrets} that did not bring its own
 * executor, and reference-counted: they exist only while some live view holds a lease, so a closed
 * application (or test) is left with no thread of ours. Not API.
 *
 * <ul>
 *   <li>{@link #REFRESH}: one timer thread that only keeps time; it never talks to a server.</li>
 *   <li>{@link #WORKERS}: the refreshes themselves, on an elastic pool (threads made when all are
 *       busy, gone after a few idle seconds), so a view whose server hangs or trickles never delays
 *       another view's refresh. Each view has at most one refresh in flight, so the pool never
 *       holds more threads than there are views refreshing at once, capped at {@link #MAX_WORKERS}.</li>
 *   <li>{@link #EVENTS}: change delivery, elastic the same way, so one view's blocking listener
 *       never starves another view's listeners (each view's events stay in order on its own queue).</li>
 * </ul>
 *
 * <p>Why not a thread per view: an application with a dozen live views should not own a dozen idle
 * threads (the cleaner-thread leak users reported against other SDKs' caches); idle pool threads end.
 */
public final class SharedDaemonExecutor {

    /** Most refreshes running at once; more wait for a free thread (each is bounded by the call deadline). */
    static final int MAX_WORKERS = 32;
    /** Most listener deliveries running at once (one per view at most). */
    static final int MAX_EVENT_THREADS = 64;

    /** Keeps the time of every view's next refresh. */
    public static final SharedDaemonExecutor REFRESH = new SharedDaemonExecutor("infisical-live-refresh", 0);
    /** Runs the refreshes. */
    public static final SharedDaemonExecutor WORKERS = new SharedDaemonExecutor("infisical-live-worker", MAX_WORKERS);
    /** Delivers change events, so a slow listener never delays a refresh. */
    public static final SharedDaemonExecutor EVENTS = new SharedDaemonExecutor("infisical-live-events",
            MAX_EVENT_THREADS);

    private final String threadName;
    /** 0: one scheduling thread; otherwise the cap of an elastic pool. */
    private final int maxThreads;
    private int generation;                       // guarded by this
    private ThreadPoolExecutor executor;          // guarded by this
    private WorkerFactory workers;                // guarded by this; the factory of {@code executor}
    private int leases;                           // guarded by this

    private SharedDaemonExecutor(String threadName, int maxThreads) {
        this.threadName = threadName;
        this.maxThreads = maxThreads;
    }

    /**
     * Makes the executor's daemon threads and remembers them. One factory per executor: threads are
     * created lazily, possibly after this executor was replaced by a newer one, so a shared field
     * could end up naming the wrong generation's threads.
     */
    private static final class WorkerFactory implements ThreadFactory {
        private final String name;
        private final AtomicInteger count = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        WorkerFactory(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable r) {
            int n = count.incrementAndGet();
            Thread t = new Thread(r, n == 1 ? name : name + "-" + n);
            t.setDaemon(true);
            // Not the context loader of whichever application thread started the first view: that would
            // pin an application's class loader (a redeployed web app) for the thread's lifetime.
            t.setContextClassLoader(SharedDaemonExecutor.class.getClassLoader());
            threads.removeIf(x -> !x.isAlive() && x.getState() == Thread.State.TERMINATED);
            threads.add(t);
            return t;
        }
    }

    /** Takes a lease, starting the executor when it is the first; pair with {@link #release()}. */
    public synchronized ExecutorService acquire() {
        if (executor == null) {
            WorkerFactory factory = new WorkerFactory(threadName + "-" + ++generation);
            ThreadPoolExecutor e;
            if (maxThreads == 0) {
                ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, factory);
                s.setRemoveOnCancelPolicy(true); // cancelled refreshes must not pin their view in the queue
                s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                e = s;
            } else {
                // no queue: a task gets an idle thread or a new one, up to the cap; past the cap the
                // submitter is told (RejectedExecutionException) and tries again later
                e = new ThreadPoolExecutor(0, maxThreads, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
            }
            executor = e;
            workers = factory;
        }
        leases++;
        return executor;
    }

    /** {@link #acquire()} of the timer ({@link #REFRESH} only). */
    public ScheduledExecutorService acquireScheduler() {
        if (maxThreads != 0) {
            throw new IllegalStateException(threadName + " is not a scheduler");
        }
        return (ScheduledExecutorService) acquire();
    }

    /**
     * Returns a lease; the last one stops the threads and, unless called from one of them, waits
     * briefly for them to end so "closed" means "no thread left". A lease taken meanwhile (a view
     * starting while the last one closes) gets a new executor: the stopped one is never handed out.
     */
    public void release() {
        ThreadPoolExecutor stopping;
        WorkerFactory stoppingWorkers;
        synchronized (this) {
            if (leases == 0) {
                return;
            }
            if (--leases > 0) {
                return;
            }
            stopping = executor;
            stoppingWorkers = workers;
            executor = null;
            workers = null;
        }
        stopping.shutdownNow();
        if (stoppingWorkers.threads.contains(Thread.currentThread())) {
            return;
        }
        try {
            if (stopping.awaitTermination(2, TimeUnit.SECONDS)) {
                for (Thread t : stoppingWorkers.threads) {
                    t.join(TimeUnit.SECONDS.toMillis(2)); // terminated != thread gone
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Number of live leases (for tests and diagnostics). */
    public synchronized int leases() {
        return leases;
    }

    /** Prefix of the names of the threads this executor starts. */
    public String threadName() {
        return threadName;
    }
}
