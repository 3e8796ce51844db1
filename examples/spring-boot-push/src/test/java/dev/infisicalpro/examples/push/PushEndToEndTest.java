package dev.infisicalpro.examples.push;

import dev.infisicalpro.testkit.WebhookDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FakeInfisical delivers real webhooks (body, signature, the real server's 2.1 s delay) to the running app,
 * which polls only every 10 minutes: a change must still show up within seconds, through Spring Security.
 */
class PushEndToEndTest {

    static PushFixture fixture;
    static ConfigurableApplicationContext app;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        fixture = new PushFixture();
        app = fixture.start("--spring.cloud.bus.enabled=false");
        fixture.webhookTo(app);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    String dbPassword() {
        return app.getEnvironment().getProperty("DB_PASSWORD");
    }

    @Test
    void aChangeInInfisicalIsVisibleInSecondsThoughPollingIsEveryTenMinutes() throws Exception {
        int listsBefore = fixture.fake.journal().count("GET", "/api/v3/secrets/raw");
        fixture.fake.webhooks().awaitIdle(Duration.ofSeconds(10));
        fixture.fake.webhooks().clearDeliveries();
        List<Long> millis = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            String next = "rotated-" + round;
            long start = System.nanoTime();
            fixture.project.putSecret("dev", "/app", "DB_PASSWORD", next);   // a person edits the secret
            millis.add(PushFixture.millisUntil(this::dbPassword, next, start, Duration.ofSeconds(30)));
        }
        List<WebhookDelivery> sent = fixture.fake.webhooks().awaitDeliveries(3, Duration.ofSeconds(5));
        assertThat(sent).extracting(WebhookDelivery::statusCode).containsOnly(204);
        assertThat(sent).hasSize(3);   // one delivery per change, nothing retried
        // and no polling: one conditional read per push
        assertThat(fixture.fake.journal().count("GET", "/api/v3/secrets/raw") - listsBefore).isEqualTo(3);
        String report = "write-to-visible ms with the real server's delivery delay ("
                + fixture.fake.webhooks().delay().toMillis() + " ms), resync-interval 10m: " + millis;
        System.out.println(report);
        Files.writeString(Path.of("target", "push-latency.txt"), report + System.lineSeparator());
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthShowsTheLastPushReceived() throws Exception {
        fixture.project.putSecret("dev", "/app", "HEALTH_PROBE", "1");
        fixture.fake.webhooks().awaitIdle(Duration.ofSeconds(10));
        HealthIndicator infisical = app.getBean("infisicalHealthIndicator", HealthIndicator.class);
        Health health = infisical.health();
        Map<String, Object> webhook = (Map<String, Object>) health.getDetails().get("webhook");
        assertThat(webhook).isNotNull();
        assertThat(webhook.get("lastPush")).isNotEqualTo("never");
        assertThat((String) webhook.get("lastEvent")).contains("secrets.modified dev:/app");
        assertThat(webhook.toString()).doesNotContain(PushFixture.KEY);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theEndpointAnswersWithoutLoginOrCsrfTokenWhileSecurityStaysOnForEverythingElse(CapturedOutput output)
            throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + PushFixture.port(app) + "/infisical/webhook");
        // a signed delivery goes through with neither credentials nor CSRF token (a resent one: answered 204)
        fixture.project.putSecret("dev", "/app", "CSRF_PROBE", "1");
        WebhookDelivery real = fixture.fake.webhooks().awaitDeliveries(1, Duration.ofSeconds(10)).stream()
                .filter(d -> d.statusCode() == 204).findFirst().orElseThrow();
        HttpResponse<String> resent = HTTP.send(HttpRequest.newBuilder(hook)
                .header("content-type", "application/json")
                .header("x-infisical-signature", real.signature().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(real.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resent.statusCode()).isEqualTo(204);

        // unsigned: refused by the endpoint itself (Spring Security's 401 would ask for Basic credentials)
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(hook)
                .POST(HttpRequest.BodyPublishers.ofString(real.body())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("WWW-Authenticate")).isEmpty();

        // a bad signature and a signed non-webhook
        HttpResponse<String> tampered = HTTP.send(HttpRequest.newBuilder(hook)
                .header("x-infisical-signature", real.signature().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(real.body().replace("/app", "/ap"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(401);

        // only POST is opened: GET needs a login
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(hook).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(get.headers().firstValue("WWW-Authenticate")).isPresent();

        // CSRF is exempted for the webhook path only: logged in, GET reaches the app (404: no such page) but
        // POST without a CSRF token is still refused
        String basic = "Basic " + Base64.getEncoder().encodeToString("ops:ops-password".getBytes(StandardCharsets.UTF_8));
        URI other = URI.create("http://127.0.0.1:" + PushFixture.port(app) + "/infisical/other");
        HttpResponse<String> otherGet = HTTP.send(HttpRequest.newBuilder(other).header("Authorization", basic).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherGet.statusCode()).isEqualTo(404);
        HttpResponse<String> otherPost = HTTP.send(HttpRequest.newBuilder(other).header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherPost.statusCode()).isIn(401, 403);   // 403, turned 401 by the secured error page

        // rejections are logged with their reason, never with the key or the signature
        assertThat(output.getAll()).contains("UNSIGNED").contains("BAD_SIGNATURE")
                .doesNotContain(PushFixture.KEY).doesNotContain(real.signature().orElseThrow().substring(16));
    }
}
