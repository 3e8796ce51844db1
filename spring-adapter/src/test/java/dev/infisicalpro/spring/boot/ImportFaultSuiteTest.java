package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.testkit.Fault;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10's key faults through {@code spring.config.import}: a 200 {@code {}} list answer is a failed load
 * (typed error with fail-fast, "not loaded, unhealthy" with {@code optional:}), a server that sends headers
 * and then trickles its body does not hold startup unbounded, and the service token appears in no report.
 */
class ImportFaultSuiteTest extends ImportTestBase {

    private static final String SECRETS_RAW = "/api/v3/secrets/raw";

    private String[] argsWithHost(String host, String... more) {
        List<String> out = new ArrayList<>();
        for (String a : demo.args(more)) {
            if (!a.startsWith("--infisical.host-api")) {
                out.add(a);
            }
        }
        out.add("--infisical.host-api=" + host);
        return out.toArray(new String[0]);
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    @Test
    void anEmptyObjectListAnswerFailsAFailFastImportWithATypedErrorAndNoToken() {
        demo.fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        try (Demo.LogCapture logs = new Demo.LogCapture("")) {
            Throwable t = catchThrowable(() -> context = new SpringApplicationBuilder(TestApp.class)
                    .web(WebApplicationType.NONE).run(demo.args("spring.config.import=infisical:/app")));

            assertThat(t).isInstanceOf(InfisicalConfigDataException.class);
            FailureAnalysis analysis = new InfisicalFailureAnalyzer().analyze(t);
            assertThat(analysis).isNotNull();
            String everything = chain(t) + analysis.getDescription() + analysis.getAction()
                    + String.join("\n", logs.messages(Level.ALL));
            assertThat(everything).doesNotContain(demo.token.token(), Demo.CANARY);
        }
    }

    @Test
    void anEmptyObjectListAnswerWithAnOptionalImportStartsWithoutValuesAndUnhealthyNeverHealthyAndEmpty() {
        demo.fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        try (Demo.LogCapture logs = new Demo.LogCapture("")) {
            run(demo.args("spring.config.import=optional:infisical:/app"));

            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
            LiveStatus status = context.getBean(LiveSecrets.class).status();
            assertThat(status.loaded()).isFalse();
            assertThat(status.healthy()).isFalse();
            assertThat(status.consecutiveFailures()).isPositive();
            assertThat(String.join("\n", logs.messages(Level.ALL))).doesNotContain(demo.token.token());
        }
    }

    @Test
    void failFastFalseWithAnEmptyObjectAnswerStartsUnhealthy() {
        demo.fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        run(demo.args("spring.config.import=infisical:/app", "infisical.fail-fast=false"));

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
        assertThat(context.getBean(LiveSecrets.class).status().healthy()).isFalse();
    }

    @Test
    void aServerThatTricklesItsBodyDoesNotHoldAnOptionalImportUnbounded() throws Exception {
        try (Trickler server = new Trickler(); Demo.LogCapture logs = new Demo.LogCapture("")) {
            long start = System.nanoTime();
            run(argsWithHost(server.url(), "spring.config.import=optional:infisical:/app"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(millis).as("startup is bounded").isLessThan(30_000);
            assertThat(server.connections()).isPositive();
            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
            assertThat(context.getBean(LiveSecrets.class).status().healthy()).isFalse();
            assertThat(String.join("\n", logs.messages(Level.ALL))).doesNotContain(demo.token.token());
        }
    }

    /**
     * Answers every request with a 200 status line and headers promising a body, then sends that body one byte
     * every 200 ms for about 2 s and closes mid-body (so the fault is bounded even by a 30 s read timeout).
     */
    static final class Trickler implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private volatile int connections;

        Trickler() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::acceptLoop, "trickler");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int connections() {
            return connections;
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections++;
                    Thread t = new Thread(() -> serve(s), "trickler-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                int matched = 0;
                byte[] end = {'\r', '\n', '\r', '\n'};
                while (matched < 4) { // read the request head
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] body = "{\"secrets\":[{\"secretKey\":\"A\",\"secretValue\":\"".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 10 && i < body.length; i++) {
                    out.write(body[i]);
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException ignored) {
                // the client gave up or the test ended
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
