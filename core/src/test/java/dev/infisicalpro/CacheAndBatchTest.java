package dev.infisicalpro;

import dev.infisicalpro.internal.ResponseCache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Response cache (write-through invalidation) and the batch routes. */
class CacheAndBatchTest extends WireSupport {

    private static final String LIST = "/api/v3/secrets/raw";
    private static final String BATCH = "/api/v3/secrets/batch/raw";
    private final TestClock clock = new TestClock();

    private InfisicalClient cached() {
        return client(builder(Credentials.accessToken(ACCESS_TOKEN)).clock(clock)
                .responseCacheTtl(Duration.ofSeconds(30)));
    }

    @Test
    void cacheAnswersRepeatedListsAndGetsWithinTheTtl() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("A", "1", "dev", "/")))));
        try (InfisicalClient c = cached()) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(c.secrets().get(scope("dev", "/"), "A").value()).isEqualTo("1");
            assertThat(count("GET", LIST)).isEqualTo(1);
            clock.advance(Duration.ofSeconds(31));
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(count("GET", LIST)).isEqualTo(2);
        }
    }

    @Test
    void anExpiredEntryIsRevalidatedWithItsEtagAndA304KeepsServingIt() {
        wm.stubFor(get(urlPathEqualTo(LIST)).atPriority(5)
                .willReturn(json(200, listing(item("A", "1", "dev", "/"))).withHeader("ETag", "W/\"e1\"")));
        wm.stubFor(get(urlPathEqualTo(LIST)).atPriority(1).withHeader("If-None-Match", equalTo("W/\"e1\""))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(304)));
        try (InfisicalClient c = cached()) {
            assertThat(c.secrets().get(scope("dev", "/"), "A").value()).isEqualTo("1");
            clock.advance(Duration.ofSeconds(31));
            assertThat(c.secrets().get(scope("dev", "/"), "A").value()).isEqualTo("1");
            assertThat(c.secrets().list(scope("dev", "/"), ListOptions.defaults()).etag()).isEqualTo("W/\"e1\"");
            assertThat(count("GET", LIST)).as("one 200, then one 304; the 304 renews the entry").isEqualTo(2);
            wm.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withHeader("If-None-Match", equalTo("W/\"e1\"")));
        }
    }

    @Test
    void differentOptionsOrFoldersAreCachedSeparately() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing())));
        try (InfisicalClient c = cached()) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            c.secrets().list(scope("dev", "/"), ListOptions.defaults().withExpandReferences(false));
            c.secrets().list(scope("prod", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", LIST)).isEqualTo(3);
    }

    @Test
    void aClientReadsItsOwnWritesAtOnce() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("A", "1", "dev", "/")))));
        wm.stubFor(patch(urlPathEqualTo(LIST + "/A")).willReturn(json(200, "{\"secret\":" + item("A", "2", "dev", null) + "}")));
        try (InfisicalClient c = cached()) {
            c.secrets().get(scope("dev", "/"), "A");
            c.secrets().update(scope("dev", "/"), "A", SecretUpdate.value("2"));
            wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("A", "2", "dev", "/")))));
            assertThat(c.secrets().get(scope("dev", "/"), "A").value()).isEqualTo("2");
        }
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    @Test
    void withoutATtlEveryListGoesToTheServer() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing())));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    @Test
    void batchCreateSendsAllSecretsInOneRequest() {
        wm.stubFor(post(urlPathEqualTo(BATCH)).willReturn(json(200, "{\"secrets\":[" + item("A", "1", "dev", null)
                + "," + item("B", "2", "dev", null) + "]}")));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            List<Secret> out = c.secrets().createAll(scope("dev", "/app/sub"),
                    List.of(NewSecret.of("A", "1"), NewSecret.of("B", "2").withComment("c")));
            assertThat(out).extracting(Secret::key).containsExactly("A", "B");
        }
        assertThat(count("POST", BATCH)).isEqualTo(1);
    }

    @Test
    void batchCreateOfAnExistingKeyIsAConflict() {
        wm.stubFor(post(urlPathEqualTo(BATCH)).willReturn(json(400, error(400, "Secret already exist: SUB_KEY", "BadRequest"))));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            assertThatThrownBy(() -> c.secrets().createAll(scope("dev", "/"), List.of(NewSecret.of("SUB_KEY", "v"))))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("SUB_KEY");
        }
    }

    @Test
    void batchUpdateFillsInCurrentValuesOnlyWhenTheServerRequiresThem() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("A", "${B}", "dev", "/"),
                item("B", "b", "dev", "/")))));
        // OCT24: secretValue is required on PATCH, so the first attempt without it is refused
        wm.stubFor(patch(urlPathEqualTo(BATCH)).willReturn(json(401, "{\"statusCode\":401,\"message\":[{\"code\":"
                + "\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\",\"path\":[\"secrets\",0,"
                + "\"secretValue\"],\"message\":\"Required\"}],\"error\":\"ValidationFailure\"}")));
        wm.stubFor(patch(urlPathEqualTo(BATCH)).withRequestBody(equalToJson("{\"secrets\":[{\"secretValue\":\"${B}\"},"
                + "{}]}", true, true)).willReturn(json(200, "{\"secrets\":[" + item("A2", "${B}", "dev", null)
                + "," + item("B", "b2", "dev", null) + "]}")));
        Map<String, SecretUpdate> updates = new LinkedHashMap<>();
        updates.put("A", SecretUpdate.rename("A2"));
        updates.put("B", SecretUpdate.value("b2"));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            assertThat(c.secrets().updateAll(scope("dev", "/"), updates)).hasSize(2);
        }
        wm.verify(patchRequestedFor(urlPathEqualTo(BATCH)).withRequestBody(equalToJson("{\"workspaceId\":\"" + PROJECT
                + "\",\"environment\":\"dev\",\"secretPath\":\"/\",\"secrets\":[{\"secretKey\":\"A\",\"secretValue\":"
                + "\"${B}\",\"newSecretName\":\"A2\"},{\"secretKey\":\"B\",\"secretValue\":\"b2\"}]}")));
    }

    @Test
    void batchDeleteSendsKeysWithSharedType() {
        wm.stubFor(delete(urlPathEqualTo(BATCH)).willReturn(json(200, "{\"secrets\":[" + item("A", "1", "dev", null) + "]}")));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            assertThat(c.secrets().deleteAll(scope("dev", "/"), List.of("A"))).hasSize(1);
        }
        wm.verify(deleteRequestedFor(urlPathEqualTo(BATCH)).withRequestBody(equalToJson("{\"workspaceId\":\"" + PROJECT
                + "\",\"environment\":\"dev\",\"secretPath\":\"/\",\"secrets\":[{\"secretKey\":\"A\",\"type\":\"shared\"}]}")));
    }

    @Test
    void pendingApprovalIsReportedNotReturnedAsASecret() {
        wm.stubFor(post(urlPathEqualTo(LIST + "/K")).willReturn(json(200, "{\"approval\":{\"id\":\"a1\"}}")));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("K", "v")))
                    .isInstanceOf(InfisicalException.class).hasMessageContaining("approval");
        }
    }

    @Test
    void aListThatStartedBeforeAWriteDoesNotStoreItsOlderAnswer() {
        ResponseCache cache = new ResponseCache(Duration.ofSeconds(30), clock);
        ResponseCache.Key key = new ResponseCache.Key(scope("dev", "/"), ListOptions.defaults());
        SecretListing old = new SecretListing(List.of(), List.of(), "\"old\"");
        long before = cache.generation();
        cache.invalidateAll(); // a write finished while the list was in flight
        cache.put(key, old, before);
        assertThat(cache.get(key)).isEmpty();
        long now = cache.generation();
        cache.put(key, old, now);
        assertThat(cache.get(key)).contains(old);
    }

    @Test
    void aWriteDuringAnInFlightListMakesTheNextListAskTheServer() throws Exception {
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.github.tomakehurst.wiremock.WireMockServer gate = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort()
                        .extensions(new HoldFirstList(arrived, release)));
        gate.start();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (InfisicalClient c = InfisicalClient.builder().host("http://127.0.0.1:" + gate.port()).clock(clock)
                .credentials(Credentials.accessToken(ACCESS_TOKEN)).responseCacheTtl(Duration.ofSeconds(30)).build()) {
            gate.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("A", "1", "dev", "/")))));
            gate.stubFor(patch(urlPathEqualTo(LIST + "/A"))
                    .willReturn(json(200, "{\"secret\":" + item("A", "2", "dev", null) + "}")));
            java.util.concurrent.Future<SecretListing> inFlight =
                    pool.submit(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()));
            assertThat(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            c.secrets().update(scope("dev", "/"), "A", SecretUpdate.value("2"));
            release.countDown();
            inFlight.get(10, java.util.concurrent.TimeUnit.SECONDS);
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(gate.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("GET"))
                    .count()).isEqualTo(2);
        } finally {
            release.countDown();
            pool.shutdownNow();
            gate.stop();
        }
    }

    /** Holds the first list request in the server until released (deterministic interleaving, no sleeps). */
    static final class HoldFirstList implements com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2 {
        private final java.util.concurrent.CountDownLatch arrived;
        private final java.util.concurrent.CountDownLatch release;
        private final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);

        HoldFirstList(java.util.concurrent.CountDownLatch arrived, java.util.concurrent.CountDownLatch release) {
            this.arrived = arrived;
            this.release = release;
        }

        @Override
        public com.github.tomakehurst.wiremock.http.ResponseDefinition transform(
                com.github.tomakehurst.wiremock.stubbing.ServeEvent event) {
            if (event.getRequest().getMethod().getName().equals("GET") && first.compareAndSet(true, false)) {
                arrived.countDown();
                try {
                    release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return event.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "hold-first-list";
        }
    }
}
