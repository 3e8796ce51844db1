package dev.infisicalpro.reliability;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Threads back to baseline after close()" for every test of a fault suite: remembers the live threads
 * before each test and, after the test and its {@code @AfterEach} methods closed everything, fails when a
 * thread the test started is still alive (after a short grace period for threads that are already ending).
 * Only threads that are not the library's to end are exempt: the test servers' own ({@code raw-server-*}),
 * OkHttp's and Okio's process-wide task runner and timeout watchdog (shared by every client, idle ones end
 * after a minute) and the JDK's (its {@code Cleaner-n} threads are one per {@code Cleaner} for the life of the
 * process, e.g. the MicroProfile adapter's). Shared by core's and the adapters' fault suites through core's test-jar.
 *
 * <pre>{@code
 * @ExtendWith(ThreadBaseline.class)
 * class SomeFaultTest { ... }
 * }</pre>
 */
public final class ThreadBaseline implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ThreadBaseline.class);
    private static final long GRACE_NANOS = 5_000_000_000L;
    private static final List<String> EXEMPT_PREFIXES = List.of("raw-server-", "trickler", "OkHttp TaskRunner", "Okio Watchdog",
            "Common-Cleaner", "Cleaner-", "ForkJoinPool.commonPool", "process reaper", "Attach Listener", "JFR ",
            "surefire-forkedjvm", "junit-", "background-preinit");

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Thread> before = context.getStore(NS).get("before", Set.class);
        long deadline = System.nanoTime() + GRACE_NANOS;
        List<Thread> extra = extra(before);
        while (!extra.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // waiting for threads that are already ending, not for time to pass
            extra = extra(before);
        }
        if (!extra.isEmpty()) {
            throw new AssertionError("threads not back to baseline after close(): "
                    + extra.stream().map(Thread::getName).collect(Collectors.joining(", ")));
        }
    }

    /** Threads alive now that were not alive before the test and are not exempt. */
    public static List<Thread> extra(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> EXEMPT_PREFIXES.stream().noneMatch(p -> t.getName().startsWith(p)))
                .toList();
    }
}
