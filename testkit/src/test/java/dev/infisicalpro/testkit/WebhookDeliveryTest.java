package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook deliveries checked from the receiving end: a JDK HttpServer records the raw bytes and
 * headers, and the test recomputes the signature itself (issue 17, "What the real server does").
 */
class WebhookDeliveryTest {

    /** What a receiver got: raw body and the signature header (null when absent). */
    record Received(String path, byte[] body, String signature) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final BlockingQueue<Received> got = new LinkedBlockingQueue<>();
        /** Statuses to answer, in order; 204 once exhausted. */
        final Deque<Integer> statuses = new ArrayDeque<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", ex -> {
                byte[] body;
                try (InputStream in = ex.getRequestBody()) {
                    body = in.readAllBytes();
                }
                got.add(new Received(ex.getRequestURI().getPath(), body,
                        ex.getRequestHeaders().getFirst("x-infisical-signature")));
                Integer s;
                synchronized (statuses) {
                    s = statuses.poll();
                }
                ex.sendResponseHeaders(s == null ? 204 : s, -1);
                ex.close();
            });
            server.start();
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        Received next() throws InterruptedException {
            Received r = got.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("a delivery within 10 s").isNotNull();
            return r;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    FakeInfisical fake;
    Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        fake = FakeInfisical.start();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        fake.close();
        receiver.close();
    }

    static String hmacHex(String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void oct24BodyIsCompactInTheRealKeyOrderAndSignedWithTheTrimmedKey() throws Exception {
        fake.close();
        fake = FakeInfisical.builder().clock(MutableClock.fixed(java.time.Instant.ofEpochMilli(1796278930373L))).start();
        FakeProject p = fake.createProject("demo");
        p.addWebhook("dev", "/app", receiver.url("/hook"), "  hook-key \n");

        p.putSecret("dev", "/app", "DB_PASSWORD", "canary-value-1");

        Received r = receiver.next();
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.text()).isEqualTo("{\"event\":\"secrets.modified\",\"project\":{\"workspaceId\":\"" + p.id()
                + "\",\"environment\":\"dev\",\"secretPath\":\"/app\"},\"timestamp\":1796278930373}");
        assertThat(r.signature()).isEqualTo("t=1796278930373;" + hmacHex("hook-key", r.body()));
        assertThat(r.text()).doesNotContain("canary-value-1").doesNotContain("DB_PASSWORD");
        WebhookDelivery d = fake.webhooks().awaitDeliveries(1, Duration.ofSeconds(5)).get(0);
        assertThat(d.body()).isEqualTo(r.text());
        assertThat(d.signature()).contains(r.signature());
        assertThat(d.statusCode()).isEqualTo(204);
        assertThat(d.succeeded()).isTrue();
    }

    @Test
    void currentBodyAddsProjectIdNameAndEnvironmentName() throws Exception {
        fake.close();
        fake = FakeInfisical.builder().generation(Generation.CURRENT).start();
        FakeProject p = fake.createProject("Demo Shop");
        p.addWebhook("staging", "/**", receiver.url("/h"), "k");
        p.putSecret("staging", "/", "A", "1");
        JsonNode body = Http.JSON.readTree(receiver.next().body());
        assertThat(List.of(body.fieldNames().next(), body.get("project").fieldNames().next())).containsExactly("event",
                "workspaceId");
        assertThat(Http.JSON.writeValueAsString(body.get("project"))).isEqualTo("{\"workspaceId\":\"" + p.id()
                + "\",\"projectId\":\"" + p.id() + "\",\"projectName\":\"Demo Shop\",\"environment\":\"staging\","
                + "\"environmentName\":\"Staging\",\"secretPath\":\"/\"}");
    }

    @Test
    void noSignatureHeaderWithoutAKey() throws Exception {
        FakeProject p = fake.createProject("demo");
        p.addWebhook("dev", "/", receiver.url("/h"));
        p.putSecret("dev", "/", "A", "1");
        assertThat(receiver.next().signature()).isNull();
        assertThat(fake.webhooks().awaitDeliveries(1, Duration.ofSeconds(5)).get(0).signature()).isEmpty();
    }

    @Test
    void pathIsAPicomatchGlob() throws Exception {
        FakeProject p = fake.createProject("demo");
        p.addWebhook("dev", "/app", receiver.url("/exact"), "k");
        p.addWebhook("dev", "/app/**", receiver.url("/tree"), "k");
        p.addWebhook("staging", "/**", receiver.url("/other-env"), "k");

        p.putSecret("dev", "/app/sub", "A", "1");
        Received r = receiver.next();
        assertThat(r.path()).isEqualTo("/tree");
        assertThat(r.text()).contains("\"secretPath\":\"/app/sub\"");
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(receiver.got).isEmpty();

        p.putSecret("dev", "/app", "B", "1");
        assertThat(List.of(receiver.next().path(), receiver.next().path())).containsExactlyInAnyOrder("/exact", "/tree");
    }

    @Test
    void updateAndDeleteFireFolderCreationDoesNot() throws Exception {
        FakeProject p = fake.createProject("demo");
        p.addWebhook("dev", "/**", receiver.url("/h"), "k");
        p.createFolder("dev", "/new/folder");
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(receiver.got).isEmpty();
        p.putSecret("dev", "/", "A", "1");
        receiver.next();
        p.putSecret("dev", "/", "A", "2");
        receiver.next();
        assertThat(p.deleteSecret("dev", "/", "A")).isTrue();
        receiver.next();
        assertThat(p.deleteSecret("dev", "/", "A")).isFalse();
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(receiver.got).isEmpty();
    }

    @Test
    void rapidChangesToOneFolderCoalesceWithinTheDelay() throws Exception {
        fake.webhooks().delay(Duration.ofMillis(400));
        FakeProject p = fake.createProject("demo");
        p.addWebhook("dev", "/**", receiver.url("/h"), "k");
        p.putSecret("dev", "/app", "A", "1");
        p.putSecret("dev", "/app", "B", "1");
        p.putSecret("dev", "/app", "A", "2");
        receiver.next();
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(receiver.got).isEmpty();
        assertThat(fake.webhooks().deliveries()).hasSize(1);
    }

    @Test
    void importingAndReferencingFoldersHooksFireToo() throws Exception {
        FakeProject p = fake.createProject("demo");
        p.putSecret("dev", "/shared", "DB_HOST", "db");
        p.addImport("dev", "/importer", "dev", "/shared");
        p.putSecret("dev", "/referrer", "URL", "jdbc://${dev.shared.DB_HOST}/x");
        p.addWebhook("dev", "/importer", receiver.url("/importer"), "k");
        p.addWebhook("dev", "/referrer", receiver.url("/referrer"), "k");
        p.addWebhook("dev", "/shared", receiver.url("/shared"), "k");
        fake.webhooks().awaitIdle(Duration.ofSeconds(5));
        receiver.got.clear();
        fake.webhooks().delay(Duration.ofMillis(300)); // so that "one delay later" is observable

        p.putSecret("dev", "/shared", "DB_HOST", "db2");

        List<String> paths = List.of(receiver.next().path(), receiver.next().path(), receiver.next().path());
        assertThat(paths).containsExactlyInAnyOrder("/shared", "/importer", "/referrer");
        assertThat(paths.get(0)).isEqualTo("/shared"); // dependants fire one delay later
    }

    @Test
    void retriesFourTimesOn5xxWithTheSameBytesThenDrops() throws Exception {
        synchronized (receiver.statuses) {
            receiver.statuses.addAll(List.of(500, 502, 503, 500, 500));
        }
        FakeProject p = fake.createProject("demo");
        FakeWebhook hook = p.addWebhook("dev", "/", receiver.url("/h"), "k");
        p.putSecret("dev", "/", "A", "1");
        List<Received> got = List.of(receiver.next(), receiver.next(), receiver.next(), receiver.next());
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(receiver.got).isEmpty();
        assertThat(got).extracting(Received::text).containsOnly(got.get(0).text());
        assertThat(fake.webhooks().deliveries()).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3, 4);
        assertThat(fake.webhooks().deliveries()).extracting(WebhookDelivery::statusCode)
                .containsExactly(500, 502, 503, 500);
        List<WebhookDelivery> d = fake.webhooks().deliveries();
        // 200, 400, 800 ms between attempts (by the fake's clock, which is the system clock here)
        assertThat(Duration.between(d.get(0).sentAt(), d.get(3).sentAt())).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(hook.lastStatus()).contains("failed");
    }

    @Test
    void a4xxIsNotRetriedAndARefusedConnectionIs() throws Exception {
        synchronized (receiver.statuses) {
            receiver.statuses.add(401);
        }
        FakeProject p = fake.createProject("demo");
        p.addWebhook("dev", "/", receiver.url("/h"), "k");
        p.putSecret("dev", "/", "A", "1");
        receiver.next();
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(fake.webhooks().deliveries()).hasSize(1);

        fake.webhooks().clearDeliveries();
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        p.addWebhook("dev", "/gone", URI.create("http://127.0.0.1:" + closedPort + "/h"), "k");
        p.putSecret("dev", "/gone", "A", "1");
        List<WebhookDelivery> d = fake.webhooks().awaitDeliveries(4, Duration.ofSeconds(10));
        assertThat(d).hasSize(4).allSatisfy(x -> {
            assertThat(x.statusCode()).isZero();
            assertThat(x.error()).isPresent();
        });
    }

    @Test
    void apiWritesFireIncludingBatchAsOneDeliveryAndFailedWritesDoNot() throws Exception {
        FindingsFixture fx = new FindingsFixture(fake);
        fx.project.addWebhook("dev", "/app", receiver.url("/h"), "k");
        fake.webhooks().awaitIdle(Duration.ofSeconds(5));
        receiver.got.clear();
        fake.webhooks().clearDeliveries();

        Http.Res bad = fx.http.json("PATCH", "/api/v3/secrets/raw/NOPE", fx.admin(),
                fx.body("secretPath", "/app", "secretValue", "x"));
        assertThat(bad.status()).isEqualTo(404);
        Map<String, Object> batch = fx.body("secretPath", "/app");
        batch.put("secrets", List.of(Map.of("secretKey", "B1", "secretValue", "1"),
                Map.of("secretKey", "B2", "secretValue", "2")));
        assertThat(fx.http.json("POST", "/api/v3/secrets/batch/raw", fx.admin(), batch).status()).isEqualTo(200);
        assertThat(receiver.next().text()).contains("\"secretPath\":\"/app\"");
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(receiver.got).isEmpty();
    }

    @Test
    void onlyAPersonManagesWebhooksOverHttp() throws Exception {
        FindingsFixture fx = new FindingsFixture(fake);
        String person = fx.project.createUserSession("dev@example.com");
        Map<String, Object> create = Map.of("workspaceId", fx.project.id(), "environment", "dev",
                "secretPath", "/app/**/", "webhookUrl", receiver.url("/h").toString(), "webhookSecretKey", " k ");

        Http.Res identity = fx.http.json("POST", "/api/v1/webhooks", fx.admin(), create);
        assertThat(identity.status()).isEqualTo(403);
        assertThat(identity.error()).isEqualTo("Forbidden access to /api/v1/webhooks");
        assertThat(fx.http.json("POST", "/api/v1/webhooks", fx.stGlob.token(), create).status()).isEqualTo(403);
        assertThat(fx.http.get("/api/v3/secrets/raw?workspaceId=" + fx.project.id() + "&environment=dev", person)
                .status()).isEqualTo(403);

        Http.Res created = fx.http.json("POST", "/api/v1/webhooks", person, create);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.message()).isEqualTo("Successfully created webhook");
        JsonNode hook = created.json().get("webhook");
        String id = hook.get("id").asText();
        assertThat(hook.get("secretPath").asText()).isEqualTo("/app/**");
        assertThat(hook.get("environment").get("slug").asText()).isEqualTo("dev");
        assertThat(hook.has("url")).isFalse();

        Http.Res list = fx.http.get("/api/v1/webhooks?workspaceId=" + fx.project.id(), person);
        assertThat(list.json().get("webhooks")).hasSize(1);
        assertThat(list.json().get("webhooks").get(0).get("url").asText()).isEqualTo(receiver.url("/h").toString());

        Http.Res tested = fx.http.json("POST", "/api/v1/webhooks/" + id + "/test", person, Map.of());
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("webhook").get("lastStatus").asText()).isEqualTo("success");
        Received test = receiver.next();
        assertThat(test.text()).startsWith("{\"event\":\"test\",\"project\":{\"workspaceId\":\"" + fx.project.id()
                + "\",\"environment\":\"dev\",\"secretPath\":\"/app/**\"},\"timestamp\":");
        String t = test.signature().substring(2, test.signature().indexOf(';'));
        assertThat(test.signature()).isEqualTo("t=" + t + ";" + hmacHex("k", test.body()));
        assertThat(test.text()).endsWith("\"timestamp\":" + t + "}");

        fx.project.putSecret("dev", "/app/sub", "X", "1");
        assertThat(receiver.next().text()).contains("\"secretPath\":\"/app/sub\"");

        Http.Res disabled = fx.http.json("PATCH", "/api/v1/webhooks/" + id, person, Map.of("isDisabled", true));
        assertThat(disabled.json().get("webhook").get("isDisabled").asBoolean()).isTrue();
        fx.project.putSecret("dev", "/app/sub", "X", "2");
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(receiver.got).isEmpty();

        assertThat(fx.http.send("DELETE", "/api/v1/webhooks/" + id, person, null, null, Map.of()).status())
                .isEqualTo(200);
        assertThat(fx.http.send("DELETE", "/api/v1/webhooks/" + id, person, null, null, Map.of()).status())
                .isEqualTo(404);
        assertThat(fx.project.webhooks()).isEmpty();
    }

    @Test
    void javaTestEventUsesTheConfiguredGlob() throws Exception {
        FakeProject p = fake.createProject("demo");
        FakeWebhook hook = p.addWebhook("prod", "/svc/**", receiver.url("/h"), "k");
        WebhookDelivery d = fake.webhooks().test(hook.id());
        assertThat(d.event()).isEqualTo("test");
        assertThat(d.attempt()).isEqualTo(1);
        assertThat(receiver.next().text()).contains("\"event\":\"test\"").contains("\"secretPath\":\"/svc/**\"");
        assertThat(hook.lastStatus()).contains("success");
    }

    @Test
    void seedFileRegistersWebhooks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path seed = dir.resolve("seed.json");
        java.nio.file.Files.writeString(seed, "{\"projects\":[{\"name\":\"seeded\",\"secrets\":[{\"environment\":\"dev\","
                + "\"path\":\"/app\",\"key\":\"A\",\"value\":\"1\"}],\"webhooks\":[{\"environment\":\"dev\","
                + "\"secretPath\":\"/app/**\",\"url\":\"" + receiver.url("/seeded") + "\",\"secretKey\":\"sk\"}]}]}");
        SeedResult seeded = fake.seed(seed);
        FakeProject p = seeded.projects().get(0);
        assertThat(p.webhooks()).singleElement().satisfies(w -> {
            assertThat(w.secretPath()).isEqualTo("/app/**");
            assertThat(w.signed()).isTrue();
        });
        // the seed's own secrets may or may not be announced (hooks are matched when the event fires,
        // as on the server); only the later change matters here
        assertThat(fake.webhooks().awaitIdle(Duration.ofSeconds(5))).isTrue();
        receiver.got.clear();
        p.putSecret("dev", "/app", "A", "2");
        Received r = receiver.next();
        assertThat(r.path()).isEqualTo("/seeded");
        assertThat(r.signature()).endsWith(";" + hmacHex("sk", r.body()));
    }
}
