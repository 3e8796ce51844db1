package dev.infisicalpro;

import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.internal.SharedLiveViews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one home of view sharing for the adapters: equal keys share, the last release closes, loads run unlocked. */
class SharedLiveViewsTest {

    final LiveFixture f = new LiveFixture();
    final SharedLiveViews<String> views = new SharedLiveViews<>();
    final AtomicInteger started = new AtomicInteger();
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        threads.shutdownNow();
        views.closeAtShutdown(live -> true);
        f.close();
    }

    private SharedLiveViews.Started<String> start() {
        started.incrementAndGet();
        f.project.putSecret("dev", "/", "DB_PASSWORD", LiveFixture.CANARY);
        InfisicalClient client = InfisicalClient.builder().host(f.fake.url()).clock(f.clock)
                .credentials(Credentials.universalAuth(f.identity.clientId(), f.identity.clientSecret())).build();
        return new SharedLiveViews.Started<>(client, client.live(f.query("/")).resyncInterval(java.time.Duration.ZERO)
                .start(), "attached");
    }

    @Test
    void equalKeysShareOneViewAndTheLastReleaseClosesIt() {
        SharedLiveViews<String>.View a = views.acquire("k", this::start);
        SharedLiveViews<String>.View b = views.acquire("k", this::start);

        assertThat(b).isSameAs(a);
        assertThat(started).hasValue(1);
        assertThat(a.attachment()).isEqualTo("attached");
        assertThat(a.firstUse()).isTrue();
        assertThat(b.firstUse()).as("only the first holder reports").isFalse();
        a.release();
        assertThat(a.isClosed()).isFalse();
        assertThat(b.live().get("DB_PASSWORD")).isEqualTo(LiveFixture.CANARY);
        b.release();
        assertThat(a.isClosed()).isTrue();
        assertThat(views.size()).isZero();

        SharedLiveViews<String>.View fresh = views.acquire("k", this::start);
        assertThat(fresh).as("a closed view is never handed out again").isNotSameAs(a);
        assertThat(started).hasValue(2);
        fresh.release();
    }

    @Test
    void aSlowLoadHoldsUpNeitherOtherKeysNorReleases() throws Exception {
        CountDownLatch inLoad = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<SharedLiveViews<String>.View> slow = CompletableFuture.supplyAsync(() ->
                views.acquire("slow", () -> {
                    inLoad.countDown();
                    await(release);
                    return start();
                }), threads);
        assertThat(inLoad.await(10, TimeUnit.SECONDS)).isTrue();

        SharedLiveViews<String>.View other = views.acquire("other", this::start);   // no lock held by the slow load
        other.release();
        assertThat(other.isClosed()).isTrue();

        release.countDown();
        slow.get(10, TimeUnit.SECONDS).release();
    }

    @Test
    void aWaiterGetsTheFirstLoadsFailureAndTheNextCallerTriesAgain() throws Exception {
        CountDownLatch inLoad = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> views.acquire("k", () -> {
            inLoad.countDown();
            await(fail);
            throw new TransportException("server down", "");
        }), threads);
        assertThat(inLoad.await(10, TimeUnit.SECONDS)).isTrue();
        java.util.concurrent.atomic.AtomicReference<Thread> waiterThread = new java.util.concurrent.atomic.AtomicReference<>();
        CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> {
            waiterThread.set(Thread.currentThread());
            return views.acquire("k", this::start);
        }, threads);
        awaitParked(waiterThread);   // the waiter must be waiting on the first load before that load fails
        fail.countDown();

        assertThat(first).failsWithin(10, TimeUnit.SECONDS);
        assertThat(waiter).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(TransportException.class);
        assertThat(started).as("the waiter did not load a second time").hasValue(0);
        assertThat(views.size()).isZero();

        SharedLiveViews<String>.View later = views.acquire("k", this::start);
        assertThat(started).hasValue(1);
        later.release();
    }

    @Test
    void theFingerprintIsKeyedAndCoversOverrides() throws Exception {
        PropertyLookup props = PropertyLookup.of(Map.of("infisical.auth.client-secret", LiveFixture.CANARY));
        PropertyLookup env = PropertyLookup.of(Map.of());
        String plain = SharedLiveViews.fingerprint(props, env, Map.of());

        assertThat(SharedLiveViews.fingerprint(props, env, Map.of())).isEqualTo(plain);
        assertThat(SharedLiveViews.fingerprint(props, env, Map.of("infisical.env-slug", "prod"))).isNotEqualTo(plain);
        assertThat(SharedLiveViews.fingerprint(PropertyLookup.of(Map.of("infisical.auth.client-secret", "other")), env,
                Map.of())).isNotEqualTo(plain);
        String unkeyed = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(LiveFixture.CANARY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(SharedLiveViews.keyedDigest(LiveFixture.CANARY)).isNotEqualTo(unkeyed)
                .doesNotContain(LiveFixture.CANARY);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the thread has started and parks (it waits on another caller's load). */
    private static void awaitParked(java.util.concurrent.atomic.AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread t = thread.get();
            if (t != null && t.getState() == Thread.State.WAITING && java.util.Arrays.stream(t.getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals(CompletableFuture.class.getName()))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the waiter never started waiting on the first load");
    }
}
