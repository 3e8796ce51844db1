package dev.infisicalpro.internal.live;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One library-wide daemon thread, shared by every {@code LiveSecrets} that did not bring its own
 * executor, and reference-counted: the thread exists only while some live view holds a lease, so a
 * closed application (or test) is left with no thread of ours. Not API.
 *
 * <p>Why one thread and not one per view: an application with a dozen live views should not own a
 * dozen idle threads (the cleaner-thread leak users reported against other SDKs' caches).
 */
public final class SharedDaemonExecutor {

    /** Runs the refresh loops. */
    public static final SharedDaemonExecutor REFRESH = new SharedDaemonExecutor("infisical-live-refresh");
    /** Delivers change events, so a slow listener never delays a refresh. */
    public static final SharedDaemonExecutor EVENTS = new SharedDaemonExecutor("infisical-live-events");

    private final String threadName;
    private int generation;                       // guarded by this
    private ScheduledThreadPoolExecutor executor; // guarded by this
    private WorkerFactory workers;                // guarded by this; the factory of {@code executor}
    private int leases;                           // guarded by this

    private SharedDaemonExecutor(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Makes the executor's one daemon thread and remembers it. One factory per executor: the thread
     * is created lazily, possibly after this executor was replaced by a newer one, so a shared field
     * could end up naming the wrong generation's thread.
     */
    private static final class WorkerFactory implements ThreadFactory {
        private final String name;
        private volatile Thread thread;

        WorkerFactory(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            // Not the context loader of whichever application thread started the first view: that would
            // pin an application's class loader (a redeployed web app) for the thread's lifetime.
            t.setContextClassLoader(SharedDaemonExecutor.class.getClassLoader());
            thread = t;
            return t;
        }
    }

    /** Takes a lease, starting the thread when it is the first; pair with {@link #release()}. */
    public synchronized ScheduledExecutorService acquire() {
        if (executor == null) {
            WorkerFactory factory = new WorkerFactory(threadName + "-" + ++generation);
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, factory);
            e.setRemoveOnCancelPolicy(true); // cancelled refreshes must not pin their view in the queue
            e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            executor = e;
            workers = factory;
        }
        leases++;
        return executor;
    }

    /**
     * Returns a lease; the last one stops the thread and, unless called from that thread itself,
     * waits briefly for it to end so "closed" means "no thread left". A lease taken meanwhile (a
     * view starting while the last one closes) gets a new executor: the stopped one is never handed out.
     */
    public void release() {
        ScheduledThreadPoolExecutor stopping;
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
        Thread worker = stoppingWorkers.thread;
        if (worker != null && worker != Thread.currentThread()) {
            try {
                if (stopping.awaitTermination(2, TimeUnit.SECONDS)) {
                    worker.join(TimeUnit.SECONDS.toMillis(2)); // terminated != thread gone
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
