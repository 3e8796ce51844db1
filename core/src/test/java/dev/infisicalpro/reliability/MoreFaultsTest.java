package dev.infisicalpro.reliability;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.LiveSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

import static dev.infisicalpro.reliability.Faults.LIST;
import static dev.infisicalpro.reliability.Faults.LOGIN;
import static dev.infisicalpro.reliability.Faults.VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10, the fault suite, second part: faults a proxy or a broken server can produce that the other
 * reliability tests do not cover — a gzip bomb, an oversized body, odd {@code Retry-After} values, a 503
 * storm, a redirect to another origin, an HTML page with a 200, and threads left after close(). Each
 * must end in bounded time with a typed {@link InfisicalException}, keep the live view's last good
 * values, and leak no canary into messages, toString() or log lines.
 */
@ExtendWith(ThreadBaseline.class)
class MoreFaultsTest {

    /** Well under the client's default 32 MiB cap, so the bombs stay small in the test JVM. */
    private static final long CAP = 64 * 1024;
    /** Generous: the machine running the suite may be loaded; the faults being tested would hang forever. */
    private static final long BOUND_MS = 10_000;

    private static final Logger LOGGER = Logger.getLogger("dev.infisicalpro");
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    /** How the list route answers next; null answers the normal listing. Login always works. */
    private final AtomicReference<RawServer.Handler> listFault = new AtomicReference<>();

    @BeforeEach
    void captureLogs() {
        previousLevel = LOGGER.getLevel();
        LOGGER.setLevel(Level.ALL);
        LOGGER.addHandler(capture);
    }

    @AfterEach
    void checkLogs() {
        LOGGER.removeHandler(capture);
        LOGGER.setLevel(previousLevel);
        for (LogRecord r : logs) {
            Faults.assertNoCanary("log line", String.valueOf(r.getMessage()));
            if (r.getThrown() != null) {
                Faults.assertNoCanary(r.getThrown());
            }
        }
    }

    private RawServer server() {
        return RawServer.start(ex -> {
            if (ex.path().equals(LOGIN)) {
                ex.json(200, Faults.login());
                return true;
            }
            if (ex.path().equals(LIST)) {
                RawServer.Handler fault = listFault.get();
                if (fault != null) {
                    return fault.handle(ex);
                }
                ex.json(200, Faults.listing("DB_PASSWORD", VALUE));
                return true;
            }
            ex.json(404, "{\"statusCode\":404,\"message\":\"Route not found\",\"error\":\"Not Found\"}");
            return true;
        });
    }

    private static InfisicalClient client(RawServer server) {
        return Faults.client(server, b -> b.maxResponseBytes(CAP).operationTimeout(Duration.ofSeconds(6)));
    }

    /**
     * Runs the fault once through the plain client and once through a live view that loaded good values:
     * both fail typed within the bound, the view keeps its values, says it is stale, and leaks nothing.
     */
    private void assertTypedFailureKeepingLastGood(RawServer.Handler fault) {
        try (RawServer server = server(); InfisicalClient client = client(server);
             LiveSecrets live = client.live(Faults.query()).resyncInterval(Duration.ZERO)
                     .listenerExecutor(Runnable::run).start()) {
            assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE);
            listFault.set(fault);

            long start = System.nanoTime();
            Throwable direct = catchThrowable(() -> client.secrets().list(Faults.scope(), ListOptions.defaults()));
            assertThat(millisSince(start)).as("ms for a direct read").isLessThan(BOUND_MS);
            assertThat(direct).isInstanceOf(InfisicalException.class);
            Faults.assertNoCanary(direct);

            start = System.nanoTime();
            Throwable refresh = catchThrowable(live::refreshNow);
            assertThat(millisSince(start)).as("ms for a live refresh").isLessThan(BOUND_MS);
            assertThat(refresh).isInstanceOf(InfisicalException.class);
            Faults.assertNoCanary(refresh);
            assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE);
            assertThat(live.status().stale()).isTrue();
            assertThat(live.status().consecutiveFailures()).isPositive();
            Faults.assertNoCanary("toString", live.toString() + live.status());
        }
    }

    @Test
    void aGzipBombIsATypedFailureNotAnOutOfMemory() throws IOException {
        // 64 MiB of zeros inflates from ~64 KiB on the wire: a thousand times the cap once decoded.
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        byte[] bomb = packed.toByteArray();
        assertThat((long) bomb.length).isLessThan(64L * 1024 * 1024 / 100);
        assertTypedFailureKeepingLastGood(ex -> {
            ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                    + "Content-Length: " + bomb.length + "\r\n\r\n");
            ex.out.write(bomb);
            ex.out.flush();
            return true;
        });
    }

    @Test
    void aBodyLargerThanTheCapIsATypedFailure() {
        // Valid JSON start, then far more than the cap: the client must stop reading, not buffer it all.
        String huge = "{\"secrets\":[{\"secretKey\":\"K\",\"secretValue\":\"" + "x".repeat((int) CAP * 4) + "\"}]}";
        assertTypedFailureKeepingLastGood(ex -> {
            ex.json(200, huge);
            return true;
        });
    }

    @Test
    void anHtmlPageWithA200IsATypedFailure() {
        assertTypedFailureKeepingLastGood(ex -> {
            ex.respond(200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Sign in</title></head><body>captive portal</body></html>");
            return true;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "-5", "soon, maybe", "Wed, 21 Oct 2099 07:28:00 GMT", "",
            "99999999999999999999999"})
    void aRateLimitWithAnOddRetryAfterNeitherHangsNorCrashes(String retryAfter) {
        assertTypedFailureKeepingLastGood(ex -> {
            ex.json(429, "{\"statusCode\":429,\"message\":\"Rate limit exceeded\",\"error\":\"Too Many Requests\"}",
                    "Retry-After: " + retryAfter);
            return true;
        });
    }

    @Test
    void aServiceUnavailableStormIsRetriedABoundedNumberOfTimes() {
        try (RawServer server = server(); InfisicalClient client = client(server)) {
            listFault.set(ex -> {
                ex.json(503, "<html>upstream unavailable</html>");
                return true;
            });
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> client.secrets().list(Faults.scope(), ListOptions.defaults()));
            assertThat(millisSince(start)).isLessThan(BOUND_MS);
            assertThat(t).isInstanceOf(InfisicalException.class);
            Faults.assertNoCanary(t);
            // the retry policy of Faults.client allows 3 attempts
            assertThat(server.count("GET", LIST)).isBetween(1L, 3L);
        }
        listFault.set(null); // the live view below first loads good values
        assertTypedFailureKeepingLastGood(ex -> {
            ex.json(503, "{\"statusCode\":503,\"message\":\"unavailable\"}");
            return true;
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void aRedirectToAnotherOriginIsNotFollowedAndCarriesNoToken(int status) {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        RawServer recording = RawServer.start(ex -> {
            String auth = ex.header("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            ex.json(200, Faults.listing("DB_PASSWORD", "from-elsewhere"));
            return true;
        });
        try (recording) {
            assertTypedFailureKeepingLastGood(ex -> {
                ex.respond(status, "text/plain", "moved", "Location: " + recording.url() + ex.target);
                return true;
            });
            assertThat(authorizations).as("Authorization headers sent to the other origin").isEmpty();
            assertThat(recording.requests()).as("requests to the other origin").isEmpty();
        }
    }

    @Test
    void closeOfAViewStuckOnAHangingServerLeavesNoLibraryThread() throws Exception {
        try (RawServer server = server();
             InfisicalClient client = Faults.client(server, b -> b.readTimeout(Duration.ofSeconds(5)))) {
            LiveSecrets live = client.live(Faults.query()).resyncInterval(Duration.ofMillis(50)).start();
            assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE);
            long lists = server.count("GET", LIST);
            listFault.set(ex -> {
                ex.hang();
                return false;
            });
            long deadline = System.nanoTime() + BOUND_MS * 1_000_000L;
            while (server.count("GET", LIST) == lists && System.nanoTime() < deadline) {
                Thread.sleep(5); // until a refresh is stuck on the hanging server
            }
            assertThat(server.count("GET", LIST)).isGreaterThan(lists);
            live.close();
            deadline = System.nanoTime() + 5_000_000_000L;
            while (!DeadlineTest.libraryThreads().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling for the threads to end
            }
            assertThat(DeadlineTest.libraryThreads()).as("library threads after close").isEmpty();
            assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
