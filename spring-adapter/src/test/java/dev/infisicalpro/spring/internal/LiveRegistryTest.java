package dev.infisicalpro.spring.internal;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.spring.Demo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LiveRegistryTest {

    Demo demo;
    // a thread per task: the tasks block on each other
    final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        demo = new Demo();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        LiveRegistry.releasePending();
        demo.close();
        assertThat(LiveRegistry.size()).isZero();
    }

    private LiveRegistry.Created create() {
        Map<String, String> p = new HashMap<>();
        demo.properties().forEach((k, v) -> p.put(k, v.toString()));
        p.put("infisical.secrets-path", "/app");
        InfisicalSettings s = InfisicalSettings.load(PropertyLookup.of(p), PropertyLookup.of(Map.of()));
        InfisicalClient client = s.newClient();
        return new LiveRegistry.Created(client, s.startLive(client));
    }

    @Test
    void aSlowFirstLoadOfOneImportDoesNotHoldUpAnother() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
            LiveRegistry.acquire("slow", () -> {
                slowStarted.countDown();
                await(release);
                return create();
            });
            LiveRegistry.releasePending();
        }, threads);
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> fast = CompletableFuture.supplyAsync(() -> {
            try {
                return LiveRegistry.acquire("fast", this::create).live().get("DB_PASSWORD");
            } finally {
                LiveRegistry.releasePending();
            }
        }, threads);

        assertThat(fast.get(10, TimeUnit.SECONDS)).as("not blocked behind the other import's load")
                .isEqualTo(Demo.CANARY);
        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentLoadsOfTheSameImportShareOneLiveView() throws Exception {
        AtomicInteger created = new AtomicInteger();
        CountDownLatch inFactory = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondAcquired = new CountDownLatch(1);
        CompletableFuture<LiveRegistry.Entry> first = CompletableFuture.supplyAsync(() -> {
            LiveRegistry.Entry e = LiveRegistry.acquire("same", () -> {
                created.incrementAndGet();
                inFactory.countDown();
                await(release);
                return create();
            });
            await(secondAcquired);
            LiveRegistry.releasePending();
            return e;
        }, threads);
        assertThat(inFactory.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch releaseSecond = new CountDownLatch(1);
        CompletableFuture<LiveRegistry.Entry> second = CompletableFuture.supplyAsync(() -> {
            LiveRegistry.Entry e = LiveRegistry.acquire("same", () -> {
                created.incrementAndGet();
                return create();
            });
            secondAcquired.countDown();
            await(releaseSecond);
            LiveRegistry.releasePending();
            return e;
        }, threads);

        release.countDown();
        LiveRegistry.Entry a = first.get(10, TimeUnit.SECONDS);   // released once the second load holds one

        assertThat(created).hasValue(1);
        assertThat(a.isClosed()).as("the second load still holds it").isFalse();
        assertThat(a.live().refreshNow()).isNotNull();
        releaseSecond.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(a);
        assertThat(a.isClosed()).as("last reference released").isTrue();
    }

    @Test
    void pendingReferencesOfARoundThatNeverEndedAreReleasedWhenTheThreadLoadsInTheNextRound() {
        Object failedRefresh = new Object();
        Object nextRefresh = new Object();
        AtomicInteger startupOver = new AtomicInteger();
        // a refresh that threw partway: no Prepared/Failed/EnvironmentChange event drops these
        LiveRegistry.Entry dropped = LiveRegistry.acquire(failedRefresh, "dropped", () -> {
            LiveRegistry.Created c = create();
            return new LiveRegistry.Created(c.client(), c.live(), startupOver::incrementAndGet);
        });
        LiveRegistry.Entry kept = LiveRegistry.acquire(failedRefresh, "kept", this::create);

        LiveRegistry.Entry again = LiveRegistry.acquire(nextRefresh, "kept", this::create);

        assertThat(dropped.isClosed()).as("nothing else held it").isTrue();
        assertThat(startupOver).hasValue(1);
        assertThat(again).isSameAs(kept);
        assertThat(kept.isClosed()).as("the new round's reference keeps it").isFalse();
        LiveRegistry.releasePending();
        assertThat(kept.isClosed()).as("exactly one pending reference was left").isTrue();
    }

    @Test
    void referencesOfOneRoundStayPendingTogether() {
        Object round = new Object();
        LiveRegistry.Entry a = LiveRegistry.acquire(round, "a", this::create);
        LiveRegistry.Entry b = LiveRegistry.acquire(round, "b", this::create);

        assertThat(a.isClosed()).isFalse();
        assertThat(b.isClosed()).isFalse();
        LiveRegistry.releasePending();
        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isTrue();
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
}
