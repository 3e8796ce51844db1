package dev.infisicalpro;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.MutableClock;
import dev.infisicalpro.webhook.WebhookEvent;
import dev.infisicalpro.webhook.WebhookReceiver;
import dev.infisicalpro.webhook.WebhookResult;
import dev.infisicalpro.webhook.WebhookResult.IgnoreReason;
import dev.infisicalpro.webhook.WebhookResult.RejectReason;
import dev.infisicalpro.webhook.WebhookSignature;
import dev.infisicalpro.webhook.WebhookStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook receiver against real-shaped deliveries: the signature vectors of issue 17 and what a user
 * notices, the live view holding the new value, on FakeInfisical with its clock.
 */
class WebhookReceiverTest {

    /** The webhook's secret key; must never appear in logs or toString(). */
    static final String KEY = "whk-canary-51ab7c";
    static final String PROJECT_ID = "6543b1f0c8e5a1d2e3f4a5b6";
    static final long T = 1796278930373L;
    /** An OCT24 delivery exactly as the real server sends it (no whitespace, this key order). */
    static final String OCT24_BODY = "{\"event\":\"secrets.modified\",\"project\":{\"workspaceId\":\"" + PROJECT_ID
            + "\",\"environment\":\"dev\",\"secretPath\":\"/app\"},\"timestamp\":" + T + "}";
    /** HMAC-SHA256 of OCT24_BODY keyed with KEY, computed outside Java ({@code openssl dgst -sha256 -hmac}). */
    static final String OCT24_HEX = "6ffc8a4e46bd76c13e6ff33cc91ff3d46312cc513fd6bc3dfa07c115926f502d";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    final MutableClock clock = MutableClock.fixed(Instant.ofEpochMilli(T).plusMillis(2100));
    FakeInfisical fake;
    FakeProject project;
    InfisicalClient client;
    LiveSecrets app;
    final Deque<Runnable> queued = new ArrayDeque<>();
    final Executor manual = queued::add;

    @BeforeEach
    void setUp() {
        fake = FakeInfisical.builder().clock(clock).build().start();
        project = fake.createProject("push-demo", "push-demo", PROJECT_ID);
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", "v1");
        client = FakeClients.admin(fake, project, "push-app");
        app = client.live(SecretQuery.of(ProjectRef.id(PROJECT_ID), "dev", "/app")).resyncInterval(Duration.ZERO).start();
    }

    @AfterEach
    void tearDown() {
        app.close();
        client.close();
        fake.close();
        String logged = logs.all();
        assertThat(logged).doesNotContain(KEY).doesNotContain(OCT24_HEX);
    }

    WebhookReceiver.Builder receiver() {
        return WebhookReceiver.builder().secretKey(KEY).clock(clock).executor(manual);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Optional<String> sig(String key, String body, long t) {
        return Optional.of(WebhookSignature.header(key, bytes(body), t));
    }

    int lists() {
        return fake.journal().count("GET", "/api/v3/secrets/raw");
    }

    void runQueued() {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }

    // ------------------------------------------------------------------ signature vectors

    @Test
    void theRealServersSignatureOfARealBodyIsAcceptedAndTheViewRefreshesOffTheRequestThread() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        project.putSecret("dev", "/app", "DB_PASSWORD", "v2");
        int before = lists();

        WebhookResult result = receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY));

        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(result.httpStatus()).isEqualTo(204);
        assertThat(((WebhookResult.Accepted) result).views()).isEqualTo(1);
        assertThat(((WebhookResult.Accepted) result).event())
                .isEqualTo(new WebhookEvent("secrets.modified", PROJECT_ID, "dev", "/app", Instant.ofEpochMilli(T)));
        // answered before any request to Infisical: the refresh waits on the executor
        assertThat(lists()).isEqualTo(before);
        assertThat(app.get("DB_PASSWORD")).isEqualTo("v1");
        runQueued();
        assertThat(app.get("DB_PASSWORD")).isEqualTo("v2");
        assertThat(lists()).isEqualTo(before + 1);
    }

    @Test
    void ourSignerProducesTheRealServersSignature() {
        assertThat(WebhookSignature.header(KEY, bytes(OCT24_BODY), T)).isEqualTo("t=" + T + ";" + OCT24_HEX);
    }

    @Test
    void aWrongKeyIsRejected401AndRefreshesNothing() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        WebhookResult r = receiver.receive(sig("another-key", OCT24_BODY, T), bytes(OCT24_BODY));
        assertThat(r).isEqualTo(new WebhookResult.Rejected(RejectReason.BAD_SIGNATURE));
        assertThat(r.httpStatus()).isEqualTo(401);
        assertThat(queued).isEmpty();
    }

    @Test
    void surroundingWhitespaceOfTheKeyIsIgnoredOnBothSidesAsInfisicalIgnoresIt() {
        WebhookReceiver padded = receiver().secretKey("  " + KEY + "\n").build();
        assertThat(padded.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY)).httpStatus()).isEqualTo(204);
        WebhookReceiver plain = WebhookReceiver.builder().secretKey(KEY).clock(clock).executor(manual).build();
        String body = OCT24_BODY.replace("/app", "/other");
        assertThat(plain.receive(sig(" " + KEY + " ", body, T), bytes(body)).httpStatus()).isEqualTo(204);
    }

    @Test
    void aTamperedBodyIsRejected() {
        WebhookReceiver receiver = receiver().build();
        String tampered = OCT24_BODY.replace("\"dev\"", "\"prod\"");
        assertThat(receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(tampered)))
                .isEqualTo(new WebhookResult.Rejected(RejectReason.BAD_SIGNATURE));
    }

    @Test
    void theSameJsonReSerialisedDoesNotMatchTheSignatureOfTheRawBytes() {
        WebhookReceiver receiver = receiver().build();
        String pretty = "{\n  \"event\": \"secrets.modified\",\n  \"project\": {\"workspaceId\": \"" + PROJECT_ID
                + "\", \"environment\": \"dev\", \"secretPath\": \"/app\"},\n  \"timestamp\": " + T + "\n}";
        String reordered = "{\"timestamp\":" + T + ",\"event\":\"secrets.modified\",\"project\":{\"workspaceId\":\""
                + PROJECT_ID + "\",\"environment\":\"dev\",\"secretPath\":\"/app\"}}";
        for (String same : List.of(pretty, reordered)) {
            assertThat(receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(same)))
                    .isEqualTo(new WebhookResult.Rejected(RejectReason.BAD_SIGNATURE));
        }
    }

    @Test
    void aDeliveryOutsideTheWindowIsStaleButInfisicalsRetriesWithinItAreAccepted() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        Optional<String> header = Optional.of("t=" + T + ";" + OCT24_HEX);

        clock.set(Instant.ofEpochMilli(T).plus(Duration.ofMinutes(5)).plusMillis(1));
        assertThat(receiver.receive(header, bytes(OCT24_BODY))).isEqualTo(new WebhookResult.Rejected(RejectReason.STALE));
        clock.set(Instant.ofEpochMilli(T).minus(Duration.ofMinutes(5)).minusMillis(1));   // signer's clock ahead
        assertThat(receiver.receive(header, bytes(OCT24_BODY))).isEqualTo(new WebhookResult.Rejected(RejectReason.STALE));

        // the server retries the same request (same t, same signature) 200/400/800 ms later, within 15 s
        clock.set(Instant.ofEpochMilli(T).plusSeconds(15));
        assertThat(receiver.receive(header, bytes(OCT24_BODY))).isInstanceOf(WebhookResult.Accepted.class);
        WebhookResult retry = receiver.receive(header, bytes(OCT24_BODY));
        assertThat(retry).isInstanceOf(WebhookResult.Ignored.class);
        assertThat(((WebhookResult.Ignored) retry).reason()).isEqualTo(IgnoreReason.DUPLICATE);
        assertThat(retry.httpStatus()).as("a retry is answered 204, so the server stops retrying").isEqualTo(204);
    }

    @Test
    void aToleranceCanBeNarrowed() {
        WebhookReceiver receiver = receiver().tolerance(Duration.ofSeconds(30)).build();
        clock.set(Instant.ofEpochMilli(T).plusSeconds(31));
        assertThat(receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY)))
                .isEqualTo(new WebhookResult.Rejected(RejectReason.STALE));
    }

    @Test
    void aReplayedDeliveryRefreshesNothingASecondTime() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        Optional<String> header = Optional.of("t=" + T + ";" + OCT24_HEX);
        assertThat(receiver.receive(header, bytes(OCT24_BODY))).isInstanceOf(WebhookResult.Accepted.class);
        runQueued();
        int after = lists();
        clock.advance(Duration.ofMinutes(2));
        WebhookResult replay = receiver.receive(header, bytes(OCT24_BODY));
        assertThat(replay).isEqualTo(new WebhookResult.Ignored(new WebhookEvent("secrets.modified", PROJECT_ID, "dev",
                "/app", Instant.ofEpochMilli(T)), IgnoreReason.DUPLICATE));
        assertThat(queued).isEmpty();
        assertThat(lists()).isEqualTo(after);
    }

    @Test
    void anUnsignedDeliveryIsRejected() {
        WebhookReceiver receiver = receiver().build();
        assertThat(receiver.receive(Optional.empty(), bytes(OCT24_BODY)))
                .isEqualTo(new WebhookResult.Rejected(RejectReason.UNSIGNED));
        assertThat(receiver.receive(Map.of("content-type", List.of("application/json")), bytes(OCT24_BODY)).httpStatus())
                .isEqualTo(401);
    }

    @Test
    void theHeaderIsFoundWhateverItsCase() {
        WebhookReceiver receiver = receiver().build();
        WebhookResult r = receiver.receive(Map.of("X-Infisical-Signature", List.of("t=" + T + ";" + OCT24_HEX)),
                bytes(OCT24_BODY));
        assertThat(r.httpStatus()).isEqualTo(204);
    }

    @Test
    void anOversizedBodyIsRejectedBeforeAnyHmac() throws IOException {
        WebhookReceiver receiver = receiver().build();
        byte[] big = new byte[WebhookReceiver.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        WebhookResult r = receiver.receive(Optional.of(WebhookSignature.header(KEY, big, T)), big);
        assertThat(r).isEqualTo(new WebhookResult.Rejected(RejectReason.OVERSIZED));
        assertThat(r.httpStatus()).isEqualTo(413);
        // readBody stops one byte past the limit instead of reading a huge stream whole
        byte[] read = WebhookReceiver.readBody(new ByteArrayInputStream(new byte[10 * WebhookReceiver.MAX_BODY_BYTES]));
        assertThat(read).hasSize(WebhookReceiver.MAX_BODY_BYTES + 1);
        assertThat(WebhookReceiver.readBody(new ByteArrayInputStream(bytes(OCT24_BODY)))).isEqualTo(bytes(OCT24_BODY));
    }

    @Test
    void malformedSignatureHeadersAreRejected() {
        WebhookReceiver receiver = receiver().build();
        for (String bad : List.of(OCT24_HEX, "t=" + T, "t=;" + OCT24_HEX, "t=abc;" + OCT24_HEX, "sha256=" + OCT24_HEX,
                "t=" + T + ";" + OCT24_HEX.substring(2), "t=" + T + ";" + OCT24_HEX.replace('6', 'g'),
                "t=-5;" + OCT24_HEX)) {
            assertThat(receiver.receive(Optional.of(bad), bytes(OCT24_BODY))).as(bad)
                    .isEqualTo(new WebhookResult.Rejected(RejectReason.MALFORMED_SIGNATURE));
        }
        assertThat(receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX.toUpperCase()), bytes(OCT24_BODY)).httpStatus())
                .as("hex case does not matter").isEqualTo(204);
    }

    @Test
    void aHeaderTimestampThatIsNotTheSignedBodysIsRejected() {
        WebhookReceiver receiver = receiver().build();
        // a captured delivery re-sent with a fresh t= (the header itself is not covered by the HMAC)
        assertThat(receiver.receive(Optional.of("t=" + (T + 60_000) + ";" + OCT24_HEX), bytes(OCT24_BODY)))
                .isEqualTo(new WebhookResult.Rejected(RejectReason.TIMESTAMP_MISMATCH));
    }

    @Test
    void aSignedBodyThatIsNoWebhookIs400() {
        WebhookReceiver receiver = receiver().build();
        for (String body : List.of("not json", "[]", "{\"event\":\"secrets.modified\",\"timestamp\":" + T + "}",
                "{\"event\":\"secrets.modified\",\"project\":{\"environment\":\"dev\"},\"timestamp\":" + T + "}",
                "{\"project\":{\"workspaceId\":\"p\",\"environment\":\"dev\"},\"timestamp\":" + T + "}",
                "{\"event\":\"secrets.modified\",\"project\":{\"workspaceId\":\"p\",\"environment\":\"dev\"}}")) {
            WebhookResult r = receiver.receive(sig(KEY, body, T), bytes(body));
            assertThat(r).as(body).isEqualTo(new WebhookResult.Rejected(RejectReason.MALFORMED_BODY));
            assertThat(r.httpStatus()).isEqualTo(400);
        }
    }

    @Test
    void eitherOfTwoKeysIsAcceptedDuringARotation() {
        WebhookReceiver receiver = receiver().secretKey("whk-new-key").build();
        String other = OCT24_BODY.replace("/app", "/b");
        assertThat(receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY)).httpStatus()).isEqualTo(204);
        assertThat(receiver.receive(sig("whk-new-key", other, T), bytes(other)).httpStatus()).isEqualTo(204);
        assertThat(receiver.receive(sig("whk-third", other, T), bytes(other)).httpStatus()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ bodies of both generations

    @Test
    void aCurrentServerBodyWithProjectIdAndExtraFieldsRefreshesTheView() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        project.putSecret("dev", "/app", "DB_PASSWORD", "v3");
        String body = "{\"event\":\"secrets.modified\",\"project\":{\"workspaceId\":\"" + PROJECT_ID + "\",\"projectId\":\""
                + PROJECT_ID + "\",\"projectName\":\"push-demo\",\"environment\":\"dev\",\"environmentName\":\"Development\","
                + "\"secretPath\":\"/app\",\"changedBy\":\"someone@example.com\",\"changedByActorType\":\"user\"},"
                + "\"timestamp\":" + T + "}";
        assertThat(receiver.receive(sig(KEY, body, T), bytes(body))).isInstanceOf(WebhookResult.Accepted.class);
        runQueued();
        assertThat(app.get("DB_PASSWORD")).isEqualTo("v3");
    }

    @Test
    void aRotationFailedEventWithoutWorkspaceIdRefreshesTheViewOfItsFolder() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        String body = "{\"event\":\"secrets.rotation-failed\",\"project\":{\"projectId\":\"" + PROJECT_ID
                + "\",\"projectName\":\"push-demo\",\"environment\":\"dev\",\"environmentName\":\"Development\","
                + "\"secretPath\":\"/app\",\"rotationName\":\"db-rotation\",\"errorMessage\":\"boom\","
                + "\"triggeredManually\":false},\"timestamp\":" + T + "}";
        WebhookResult r = receiver.receive(sig(KEY, body, T), bytes(body));
        assertThat(r).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(((WebhookResult.Accepted) r).event().type()).isEqualTo(WebhookEvent.ROTATION_FAILED);
        assertThat(logs.all()).contains("rotation").doesNotContain("boom");
    }

    @Test
    void theTestDeliveryWithItsGlobPathIsAnsweredAndRecordedButRefreshesNothing() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        String body = "{\"event\":\"test\",\"project\":{\"workspaceId\":\"" + PROJECT_ID
                + "\",\"environment\":\"dev\",\"secretPath\":\"/app/**\"},\"timestamp\":" + T + "}";
        WebhookResult r = receiver.receive(sig(KEY, body, T), bytes(body));
        assertThat(r).isInstanceOf(WebhookResult.Ignored.class);
        assertThat(((WebhookResult.Ignored) r).reason()).isEqualTo(IgnoreReason.TEST_EVENT);
        assertThat(r.httpStatus()).isEqualTo(204);
        assertThat(queued).isEmpty();
        WebhookStats stats = receiver.stats();
        assertThat(stats.received()).isEqualTo(1);
        assertThat(stats.lastPush()).hasValueSatisfying(p -> {
            assertThat(p.event().isTest()).isTrue();
            assertThat(p.receivedAt()).isEqualTo(clock.instant());
        });
    }

    // ------------------------------------------------------------------ which views

    @Test
    void eventsOfAnotherProjectOrEnvironmentOrAnUnrelatedFolderRefreshNothing() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        String otherProject = OCT24_BODY.replace(PROJECT_ID, "ffffffffffffffffffffffff");
        String otherEnv = OCT24_BODY.replace("\"dev\"", "\"prod\"");
        String sibling = OCT24_BODY.replace("/app", "/billing");
        assertThat(receiver.receive(sig(KEY, otherProject, T), bytes(otherProject)))
                .extracting(r -> ((WebhookResult.Ignored) r).reason()).isEqualTo(IgnoreReason.OTHER_PROJECT);
        String prod = otherEnv.replace(String.valueOf(T), String.valueOf(T + 1));
        assertThat(receiver.receive(sig(KEY, prod, T + 1), bytes(prod)))
                .extracting(r -> ((WebhookResult.Ignored) r).reason()).isEqualTo(IgnoreReason.NO_MATCHING_VIEW);
        assertThat(receiver.receive(sig(KEY, sibling, T), bytes(sibling)))
                .extracting(r -> ((WebhookResult.Ignored) r).reason()).isEqualTo(IgnoreReason.NO_MATCHING_VIEW);
        assertThat(queued).isEmpty();
    }

    @Test
    void aChangeInAnImportedFolderRefreshesTheImporterAtOnce() {
        project.createEnvironment("shared", "Shared");
        project.createFolder("shared", "/common");
        project.putSecret("shared", "/common", "SMTP_PASSWORD", "s1");
        project.addImport("dev", "/app", "shared", "/common");
        app.refreshNow();
        assertThat(app.get("SMTP_PASSWORD")).isEqualTo("s1");
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);

        project.putSecret("shared", "/common", "SMTP_PASSWORD", "s2");
        String body = "{\"event\":\"secrets.modified\",\"project\":{\"workspaceId\":\"" + PROJECT_ID
                + "\",\"environment\":\"shared\",\"secretPath\":\"/common\"},\"timestamp\":" + T + "}";
        assertThat(receiver.receive(sig(KEY, body, T), bytes(body))).isInstanceOf(WebhookResult.Accepted.class);
        runQueued();
        assertThat(app.get("SMTP_PASSWORD")).isEqualTo("s2");
    }

    @Test
    void aRecursiveViewHearsOfSubFoldersAndAViewBelowTheChangedFolderToo() {
        project.createFolder("dev", "/app/db");
        project.putSecret("dev", "/app/db", "NESTED", "n1");
        try (LiveSecrets recursive = client.live(SecretQuery.of(ProjectRef.id(PROJECT_ID), "dev", "/")
                .withOptions(ListOptions.defaults().withRecursive(true))).resyncInterval(Duration.ZERO).start();
             LiveSecrets flatRoot = client.live(SecretQuery.of(ProjectRef.id(PROJECT_ID), "dev", "/"))
                     .resyncInterval(Duration.ZERO).start();
             LiveSecrets below = client.live(SecretQuery.of(ProjectRef.id(PROJECT_ID), "dev", "/app/db"))
                     .resyncInterval(Duration.ZERO).start()) {
            WebhookReceiver receiver = receiver().views(() -> List.of(recursive, flatRoot, below)).build();
            String body = OCT24_BODY.replace("/app", "/app/db");
            WebhookResult r = receiver.receive(sig(KEY, body, T), bytes(body));
            assertThat(((WebhookResult.Accepted) r).views()).as("recursive / and /app/db, not the flat /").isEqualTo(2);

            WebhookResult atApp = receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY));
            assertThat(((WebhookResult.Accepted) atApp).views()).as("recursive / and /app/db below /app").isEqualTo(2);
        }
    }

    @Test
    void aViewNamedBySlugCountsAsTheSameProject() {
        try (LiveSecrets bySlug = client.live(SecretQuery.of(ProjectRef.slug("push-demo"), "dev", "/app"))
                .resyncInterval(Duration.ZERO).start()) {
            WebhookReceiver receiver = receiver().views(() -> List.of(bySlug)).build();
            assertThat(receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY)))
                    .isInstanceOf(WebhookResult.Accepted.class);
        }
    }

    @Test
    void aBurstOfPushesQueuesOneRefreshPerViewAndAPushDuringARefreshQueuesOneMore() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        for (int i = 0; i < 5; i++) {
            String body = OCT24_BODY.replace(String.valueOf(T), String.valueOf(T + i));
            assertThat(receiver.receive(sig(KEY, body, T + i), bytes(body))).isInstanceOf(WebhookResult.Accepted.class);
        }
        assertThat(queued).hasSize(1);
        Runnable first = queued.poll();
        first.run();
        String later = OCT24_BODY.replace(String.valueOf(T), String.valueOf(T + 9));
        receiver.receive(sig(KEY, later, T + 9), bytes(later));
        assertThat(queued).hasSize(1);
    }

    @Test
    void withTheDefaultExecutorTheNewValueArrivesWithoutAnyPolling() throws InterruptedException {
        WebhookReceiver receiver = WebhookReceiver.builder().secretKey(KEY).clock(clock).build();
        Subscription s = receiver.register(app);
        project.putSecret("dev", "/app", "DB_PASSWORD", "pushed");
        assertThat(receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY)).httpStatus()).isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!app.get("DB_PASSWORD").equals("pushed") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(app.get("DB_PASSWORD")).isEqualTo("pushed");
        s.close();
        String next = OCT24_BODY.replace(String.valueOf(T), String.valueOf(T + 1));
        assertThat(receiver.receive(sig(KEY, next, T + 1), bytes(next)))
                .extracting(r -> ((WebhookResult.Ignored) r).reason()).isEqualTo(IgnoreReason.NO_MATCHING_VIEW);
    }

    @Test
    void aForwarderHearsVerifiedChangesAfterTheLocalRefreshWasQueuedButNotTestsOrDuplicates() {
        List<WebhookEvent> forwarded = new java.util.ArrayList<>();
        WebhookReceiver receiver = receiver().forwardTo(forwarded::add).build();
        receiver.register(app);
        Optional<String> header = Optional.of("t=" + T + ";" + OCT24_HEX);
        assertThat(receiver.receive(header, bytes(OCT24_BODY))).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(forwarded).as("not on the request thread").isEmpty();
        assertThat(queued).hasSize(2);
        runQueued();
        assertThat(forwarded).extracting(WebhookEvent::secretPath).containsExactly("/app");

        receiver.receive(header, bytes(OCT24_BODY));   // duplicate
        String test = "{\"event\":\"test\",\"project\":{\"workspaceId\":\"" + PROJECT_ID
                + "\",\"environment\":\"dev\",\"secretPath\":\"/app/**\"},\"timestamp\":" + T + "}";
        receiver.receive(sig(KEY, test, T), bytes(test));
        // another project's change: nothing to refresh here, but other instances may read that project
        String other = OCT24_BODY.replace(PROJECT_ID, "ffffffffffffffffffffffff");
        receiver.receive(sig(KEY, other, T), bytes(other));
        runQueued();
        assertThat(forwarded).extracting(WebhookEvent::projectId).containsExactly(PROJECT_ID, "ffffffffffffffffffffffff");
    }

    // ------------------------------------------------------------------ configuration, redaction

    @Test
    void aReceiverNeedsANonBlankKey() {
        assertThatThrownBy(() -> WebhookReceiver.builder().build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("INFISICAL_WEBHOOK_SECRET");
        // setters refuse bad arguments as every builder of the library does (BuilderArgumentsTest)
        assertThatThrownBy(() -> WebhookReceiver.builder().secretKey("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().tolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neitherKeyNorSignatureAppearsInToStringStatsOrLogs() {
        WebhookReceiver receiver = receiver().build();
        receiver.register(app);
        receiver.receive(Optional.of("t=" + T + ";" + OCT24_HEX), bytes(OCT24_BODY));
        receiver.receive(sig("wrong", OCT24_BODY, T), bytes(OCT24_BODY));
        runQueued();
        String shown = receiver + " " + receiver.stats();
        assertThat(shown).doesNotContain(KEY).doesNotContain(OCT24_HEX).contains("BAD_SIGNATURE");
        assertThat(logs.all()).contains("BAD_SIGNATURE").contains("dev").doesNotContain(KEY).doesNotContain(OCT24_HEX);
    }
}
