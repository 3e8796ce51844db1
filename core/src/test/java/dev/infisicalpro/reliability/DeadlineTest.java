package dev.infisicalpro.reliability;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.infisicalpro.reliability.Faults.LIST;
import static dev.infisicalpro.reliability.Faults.LOGIN;
import static dev.infisicalpro.reliability.Faults.VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10, defect 1: every call has a whole-call deadline and every operation one across its
 * retries, so a proxy that trickles bytes (each byte well inside the read timeout) cannot hold a
 * request, a live view's start or another view's refresh; close() ends a hung refresh at once.
 * Time bounds here are generous upper limits on what used to take many seconds or for ever.
 */
@ExtendWith(ThreadBaseline.class)
class DeadlineTest {

    /** The listing, one byte every 100 ms: each read is quick, the answer takes ~9 s. */
    private static RawServer trickling(AtomicBoolean trickle) {
        return RawServer.start(ex -> {
            if (ex.path().equals(LOGIN)) {
                ex.json(200, Faults.login());
                return true;
            }
            String body = Faults.listing("DB_PASSWORD", VALUE);
            if (!trickle.get()) {
                ex.json(200, body, "ETag: \"e1\"");
                return true;
            }
            ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n");
            ex.trickle(body, 100);
            return false;
        });
    }

    private static InfisicalClient shortDeadlines(RawServer server) {
        return Faults.client(server, b -> b.readTimeout(Duration.ofMillis(500)).callTimeout(Duration.ofMillis(700))
                .operationTimeout(Duration.ofMillis(1500)));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aTricklingAnswerFailsWithinTheOperationDeadline() {
        try (RawServer server = trickling(new AtomicBoolean(true)); InfisicalClient client = shortDeadlines(server)) {
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> client.secrets().list(Faults.scope(), ListOptions.defaults()));
            long took = millisSince(start);
            assertThat(t).isInstanceOf(TransportException.class).hasMessageContaining("deadline");
            Faults.assertNoCanary(t);
            assertThat(took).as("ms until the trickled read failed").isLessThan(4000);
            assertThat(server.count("GET", LIST)).isBetween(1L, 3L);
        }
    }

    @Test
    void theDefaultCallDeadlineIsAFewReadTimeouts() {
        try (RawServer server = trickling(new AtomicBoolean(true));
             InfisicalClient client = Faults.client(server, b -> b.readTimeout(Duration.ofMillis(300))
                     .retryPolicy(dev.infisicalpro.RetryPolicy.none()))) {
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> client.secrets().list(Faults.scope(), ListOptions.defaults()));
            assertThat(t).isInstanceOf(TransportException.class).hasMessageContaining("call deadline of 900 ms");
            assertThat(millisSince(start)).isLessThan(4000);
        }
    }

    @Test
    void aFailFastStartAgainstATricklingServerFailsInBoundedTime() {
        try (RawServer server = trickling(new AtomicBoolean(true)); InfisicalClient client = shortDeadlines(server)) {
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> client.live(Faults.query()).start());
            assertThat(t).isInstanceOf(InfisicalException.class);
            assertThat(millisSince(start)).isLessThan(4000);
        }
    }

    @Test
    void aStartWithoutFailFastReturnsSoonAndLoadsInTheBackgroundOnceTheServerHeals() throws Exception {
        AtomicBoolean trickle = new AtomicBoolean(true);
        try (RawServer server = trickling(trickle);
             InfisicalClient client = Faults.client(server, b -> b.readTimeout(Duration.ofSeconds(5)))) {
            long start = System.nanoTime();
            try (LiveSecrets live = client.live(Faults.query()).failFast(false).resyncInterval(Duration.ofSeconds(30))
                    .start()) {
                assertThat(millisSince(start)).as("ms in start()").isLessThan(8000);
                assertThat(live.status().loaded()).isFalse();
                trickle.set(false);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!live.status().loaded() && System.nanoTime() < deadline) {
                    Thread.sleep(10); // polling for the background load, not waiting for time to pass
                }
                assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE);
            }
        }
    }

    @Test
    void aViewOnAHungServerDoesNotDelayAnotherViewsRefreshes() throws Exception {
        AtomicInteger healthyLists = new AtomicInteger();
        AtomicBoolean trickle = new AtomicBoolean(false);
        try (RawServer slow = trickling(trickle);
             RawServer healthy = RawServer.start(ex -> {
                 if (ex.path().equals(LIST)) {
                     healthyLists.incrementAndGet();
                 }
                 ex.json(200, ex.path().equals(LOGIN) ? Faults.login() : Faults.listing("A", "1"));
                 return true;
             });
             InfisicalClient slowClient = Faults.client(slow, b -> b.readTimeout(Duration.ofSeconds(5)));
             InfisicalClient healthyClient = Faults.client(healthy);
             LiveSecrets stuck = slowClient.live(Faults.query()).resyncInterval(Duration.ofMillis(50)).start();
             LiveSecrets fine = healthyClient.live(Faults.query()).resyncInterval(Duration.ofMillis(100)).start()) {
            trickle.set(true);
            long lists = slow.count("GET", LIST);
            long wait = System.nanoTime() + 10_000_000_000L;
            while (slow.count("GET", LIST) == lists && System.nanoTime() < wait) {
                Thread.sleep(5); // until the stuck view's refresh is inside the trickle
            }
            int before = healthyLists.get();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (healthyLists.get() < before + 8 && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling for refreshes
            }
            // with one shared refresh thread the stuck view's ~9 s answer held every other view's refresh
            assertThat(healthyLists.get() - before).as("healthy refreshes while the other server trickles")
                    .isGreaterThanOrEqualTo(8);
            assertThat(fine.status().consecutiveFailures()).isZero();
            assertThat(stuck.get("DB_PASSWORD")).isEqualTo(VALUE);
        }
    }

    @Test
    void closeEndsAHungRefreshAndLeavesNoThreadBehind() throws Exception {
        AtomicBoolean trickle = new AtomicBoolean(false);
        try (RawServer server = trickling(trickle);
             InfisicalClient client = Faults.client(server, b -> b.readTimeout(Duration.ofSeconds(5)))) {
            LiveSecrets live = client.live(Faults.query()).resyncInterval(Duration.ofMillis(50)).start();
            trickle.set(true);
            long deadline = System.nanoTime() + 10_000_000_000L;
            long lists = server.count("GET", LIST);
            while (server.count("GET", LIST) == lists && System.nanoTime() < deadline) {
                Thread.sleep(5); // wait until a refresh is stuck in the trickle
            }
            Thread.sleep(100);
            long start = System.nanoTime();
            live.close();
            long took = millisSince(start);
            assertThat(libraryThreads()).as("library threads after close").isEmpty();
            assertThat(took).as("ms in close()").isLessThan(1500);
            assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE); // reads still answer from the last snapshot
        }
    }

    static List<Thread> libraryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("infisical-live-")).toList();
    }
}
