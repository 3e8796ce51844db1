package dev.infisicalpro.microprofile;

import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10's key faults through the discovered MicroProfile source: a 200 {@code {}} list answer is a failed
 * load (typed error with fail-fast, an empty but unhealthy source without), a server that trickles its body
 * does not hold the config build unbounded, and the service token appears in no message or log.
 */
class SourceFaultSuiteTest {

    private static final String CANARY = "canary-5b1d-mp-fault-value";
    private static final String SECRETS_RAW = "/api/v3/secrets/raw";

    private FakeInfisical fake;
    private String token;
    private final List<SmallRyeConfig> built = new ArrayList<>();
    private LogCapture logs;

    @AfterAll
    static void removeEverything() {
        SourceBootstrap.resetForTests();
    }

    @BeforeEach
    void startFake() {
        logs = LogCapture.start();
        fake = FakeInfisical.start();
        FakeProject project = fake.createProject("mp-faults");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", CANARY);
        token = project.createServiceToken("mp", List.of(TokenScope.of("dev", "/**")), EnumSet.of(Permission.READ))
                .token();
    }

    @AfterEach
    void stop() {
        for (SmallRyeConfig config : built) {
            for (ConfigSource s : config.getConfigSources()) {
                if (s instanceof InfisicalConfigSource source) {
                    source.close();
                }
            }
        }
        fake.close();
        logs.close();
        assertThat(logs.everything()).doesNotContain(CANARY).doesNotContain(token);
    }

    private Map<String, String> settings(String host) {
        Map<String, String> s = new HashMap<>();
        s.put("infisical.host-api", host);
        s.put("infisical.auth.service-token", token);
        s.put("infisical.env-slug", "dev");
        s.put("infisical.secrets-path", "/app");
        s.put("infisical.resync-interval", "1h");
        return s;
    }

    private SmallRyeConfig build(Map<String, String> app) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDiscoveredSources().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(app, "application.properties", 250)).build();
        built.add(config);
        return config;
    }

    private static InfisicalConfigSource source(SmallRyeConfig config) {
        for (ConfigSource s : config.getConfigSources()) {
            if (s instanceof InfisicalConfigSource source) {
                return source;
            }
        }
        throw new AssertionError("no Infisical source");
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    @Test
    void anEmptyObjectListAnswerFailsAFailFastBuildWithATypedErrorAndNoToken() {
        fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));

        Throwable t = catchThrowable(() -> build(settings(fake.apiUrl())));

        assertThat(t).isInstanceOf(InfisicalException.class);
        assertThat(chain(t)).doesNotContain(token, CANARY);
    }

    @Test
    void anEmptyObjectListAnswerWithFailFastOffGivesAnEmptySourceThatIsNotHealthy() {
        fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        Map<String, String> app = settings(fake.apiUrl());
        app.put("infisical.fail-fast", "false");

        SmallRyeConfig config = build(app);

        assertThat(config.getOptionalValue("db.password", String.class)).isEmpty();
        assertThat(source(config).liveSecrets().status().loaded()).isFalse();
        assertThat(source(config).liveSecrets().status().healthy()).isFalse();
        assertThat(source(config).toString()).doesNotContain(token);
    }

    @Test
    void aServerThatTricklesItsBodyDoesNotHoldAFailFastOffBuildUnbounded() throws Exception {
        try (Trickler server = new Trickler()) {
            Map<String, String> app = settings(server.url());
            app.put("infisical.fail-fast", "false");
            long start = System.nanoTime();
            SmallRyeConfig config = build(app);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(millis).as("config build is bounded").isLessThan(30_000);
            assertThat(server.connections()).isPositive();
            assertThat(config.getOptionalValue("db.password", String.class)).isEmpty();
            assertThat(source(config).liveSecrets().status().healthy()).isFalse();
        }
    }

    /**
     * Answers every request with a 200 status line and headers promising a body, then sends one byte every
     * 200 ms for about 2 s and closes mid-body (bounded even by the default 30 s read timeout).
     */
    static final class Trickler implements AutoCloseable {
        private final ServerSocket socket;
        private volatile int connections;

        Trickler() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::acceptLoop, "trickler");
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
                byte[] body = "{\"secrets\":[{\"secretKey\"".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 10; i++) {
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
