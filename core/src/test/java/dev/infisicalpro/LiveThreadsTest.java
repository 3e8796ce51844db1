package dev.infisicalpro;

import dev.infisicalpro.testkit.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.infisicalpro.LiveFixture.LIST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real threads: the library's shared daemon refresh thread and event thread, how they are
 * shared and stopped, and single-flight refreshes under concurrency. Waits are bounded latches on
 * events, never sleeps or timing asserts.
 */
class LiveThreadsTest {

    private final LiveFixture f = new LiveFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static List<Thread> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("infisical-live-"))
                .toList();
    }

    @Test
    void theSharedThreadsDoNotKeepTheFirstCallersContextClassLoader() throws Exception {
        f.project.putSecret("dev", "/", "A", "1");
        ClassLoader app = new java.net.URLClassLoader(new java.net.URL[0], getClass().getClassLoader());
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        me.setContextClassLoader(app); // as a web app's request thread would have
        try (LiveSecrets live = f.client.live(f.query("/")).start()) {
            CountDownLatch delivered = new CountDownLatch(1);
            live.addListener(SecretSnapshot.empty(), c -> delivered.countDown());
            assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(libraryThreads()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(t -> assertThat(
                    t.getContextClassLoader()).isSameAs(dev.infisicalpro.internal.live.SharedDaemonExecutor.class
                    .getClassLoader()));
        } finally {
            me.setContextClassLoader(before);
        }
    }

    @Test
    void closeStopsEveryThreadTheLiveViewsStarted() {
        f.project.putSecret("dev", "/", "A", "1");
        assertThat(libraryThreads()).isEmpty();

        LiveSecrets one = f.client.live(f.query("/")).start();
        LiveSecrets two = f.client.live(f.query("/")).start();
        assertThat(libraryThreads()).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        assertThat(libraryThreads().stream().filter(t -> t.getName().startsWith("infisical-live-refresh")))
                .hasSize(1); // one shared timer thread, not one per view (refreshes run on an elastic pool)

        one.close();
        assertThat(libraryThreads()).isNotEmpty(); // still used by the second view
        two.close();
        assertThat(libraryThreads()).isEmpty();

        // and a later view gets fresh threads again
        try (LiveSecrets three = f.client.live(f.query("/")).start()) {
            assertThat(three.get("A")).isEqualTo("1");
            assertThat(libraryThreads()).isNotEmpty();
        }
        assertThat(libraryThreads()).isEmpty();
    }

    @Test
    void failedFailFastStartLeavesNoThreadBehind() {
        f.fake.faults().next("GET", LIST, 1, Fault.status(503));
        try {
            f.client.live(f.query("/")).start();
        } catch (TransportException expected) {
            // fine
        }
        assertThat(libraryThreads()).isEmpty();
    }

    @Test
    void listenersRunOnTheLibraryEventThreadNotTheRefreshingThread() throws Exception {
        f.project.putSecret("dev", "/", "A", "1");
        BlockingQueue<String> threads = new ArrayBlockingQueue<>(4);
        try (LiveSecrets live = f.client.live(f.query("/")).start()) {
            live.addListener(c -> threads.add(Thread.currentThread().getName()));
            f.project.putSecret("dev", "/", "A", "2");
            live.refreshNow();
            String thread = threads.poll(10, TimeUnit.SECONDS);
            assertThat(thread).startsWith("infisical-live-events").isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void eventsReachListenersInRefreshOrderEvenOnAThreadPool() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (LiveSecrets live = f.client.live(f.query("/")).listenerExecutor(pool).start()) {
            List<String> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            CountDownLatch all = new CountDownLatch(30);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            live.addListener(c -> {
                if (c.added().contains("K_AA")) { // hold the first event until every refresh is done
                    try {
                        releaseFirst.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                heard.addAll(c.added());
                all.countDown();
            });
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String key = "K_" + (char) ('A' + i / 26) + (char) ('A' + i % 26);
                expected.add(key);
                f.project.putSecret("dev", "/", key, "v");
                live.refreshNow();
            }
            releaseFirst.countDown();
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(heard).containsExactlyElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowListenerDoesNotDelayTheRefresh() throws Exception {
        f.project.putSecret("dev", "/", "A", "1");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try (LiveSecrets live = f.client.live(f.query("/")).start()) {
            live.addListener(c -> {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            f.project.putSecret("dev", "/", "A", "2");
            live.refreshNow(); // returns although the listener is blocked
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            f.project.putSecret("dev", "/", "A", "3");
            assertThat(live.refreshNow().changed()).containsExactly("A");
            assertThat(live.get("A")).isEqualTo("3");
            release.countDown();
        }
    }

    @Test
    void refreshNowDuringARunningRefreshJoinsItInsteadOfSendingASecondRequest() throws Exception {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").start()) {
            f.fake.journal().clear();
            f.project.putSecret("dev", "/", "A", "2");
            // the server holds the first refresh long enough for the second caller to arrive
            f.fake.faults().next("GET", LIST, 1, Fault.delay(Duration.ofSeconds(2)));
            CompletableFuture<SecretChange> first = CompletableFuture.supplyAsync(live::refreshNow);
            waitForRequest();
            SecretChange second = live.refreshNow();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(second);
            assertThat(second.changed()).containsExactly("A");
            assertThat(f.fake.journal().count("GET", LIST)).isEqualTo(1);
        }
    }

    @Test
    void aViewStartingWhileTheLastOtherViewClosesKeepsRefreshing() throws Exception {
        f.project.putSecret("dev", "/", "A", "1");
        java.util.concurrent.ExecutorService racers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // ~25 rounds by default (each close may wait seconds on a loaded 2-core CI); the full
            // stress run: -Dlive.stress.iterations=200
            int rounds = Integer.getInteger("live.stress.iterations", 25);
            for (int i = 0; i < rounds; i++) {
                LiveSecrets old = f.client.live(f.query("/")).resyncInterval(Duration.ofMillis(2)).start();
                java.util.concurrent.CyclicBarrier gate = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Future<?> closing = racers.submit(() -> {
                    gate.await(10, TimeUnit.SECONDS);
                    old.close(); // the last lease of the shared threads, unless the new view got in first
                    return null;
                });
                java.util.concurrent.Future<LiveSecrets> starting = racers.submit(() -> {
                    gate.await(10, TimeUnit.SECONDS);
                    return f.client.live(f.query("/")).resyncInterval(Duration.ofMillis(2)).start();
                });
                closing.get(20, TimeUnit.SECONDS);
                try (LiveSecrets fresh = starting.get(20, TimeUnit.SECONDS)) {
                    int before = f.fake.journal().count("GET", LIST);
                    // the old view is closed: only the new one's background loop can add requests
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (f.fake.journal().count("GET", LIST) < before + 2 && System.nanoTime() < deadline) {
                        Thread.sleep(1); // polling for an event, not waiting for time to pass
                    }
                    assertThat(f.fake.journal().count("GET", LIST)).as("iteration %d", i).isGreaterThanOrEqualTo(before + 2);
                    assertThat(fresh.status().consecutiveFailures()).isZero();
                }
                f.fake.journal().clear();
            }
        } finally {
            racers.shutdownNow();
        }
        assertThat(dev.infisicalpro.internal.live.SharedDaemonExecutor.REFRESH.leases()).isZero();
    }

    private void waitForRequest() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (f.fake.journal().count("GET", LIST) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.sleep(1); // polling for an event, not waiting for time to pass
        }
        assertThat(f.fake.journal().count("GET", LIST)).isEqualTo(1);
    }
}
