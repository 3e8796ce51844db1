package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Slug resolution is single-flight: whatever ends it, an Error included, ends it for the waiters too. */
class ProjectSlugErrorTest extends WireSupport {

    @Test
    void anErrorWhileResolvingASlugReachesTheConcurrentCallerInsteadOfLeavingItWaiting() throws Exception {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v2/workspace/my-project")).willReturn(json(503, "{}")));
        CountDownLatch firstInSleeper = new CountDownLatch(1);
        AtomicReference<Thread> second = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (InfisicalClient c = uaClient()) {
            // the retry pause of the first resolution throws an Error (as a dependency clash could),
            // once the second caller waits for that resolution
            sleeper = d -> {
                firstInSleeper.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                Thread t;
                while (((t = second.get()) == null || t.getState() != Thread.State.WAITING)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                throw new LinkageError("simulated dependency clash");
            };
            Scope s = Scope.of(ProjectRef.slug("my-project"), "dev", "/");
            Future<Throwable> first = pool.submit(() -> catchThrowable(
                    () -> c.secrets().create(s, NewSecret.of("K", "v"))));
            assertThat(firstInSleeper.await(20, TimeUnit.SECONDS)).isTrue();
            Future<Throwable> other = pool.submit(() -> {
                second.set(Thread.currentThread());
                return catchThrowable(() -> c.secrets().create(s, NewSecret.of("K", "v")));
            });
            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(LinkageError.class);
            assertThat(other.get(30, TimeUnit.SECONDS)).isInstanceOf(LinkageError.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("GET", "/api/v2/workspace/my-project")).isEqualTo(1); // the waiter sent nothing
    }

    @Test
    void slugResolutionWorksAgainAfterTheError() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v2/workspace/my-project")).willReturn(json(503, "{}")));
        try (InfisicalClient c = uaClient()) {
            sleeper = d -> {
                throw new LinkageError("simulated");
            };
            Scope s = Scope.of(ProjectRef.slug("my-project"), "dev", "/");
            assertThat(catchThrowable(() -> c.secrets().create(s, NewSecret.of("K", "v"))))
                    .isInstanceOf(LinkageError.class);
            sleeper = d -> { };
            // not cached, not stuck: the next call asks again
            assertThat(catchThrowable(() -> c.secrets().create(s, NewSecret.of("K", "v"))))
                    .isInstanceOf(TransportException.class);
        }
    }
}
