package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
    void batchUpdateFillsInCurrentValuesForItemsThatDoNotChangeTheValue() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("A", "${B}", "dev", "/"),
                item("B", "b", "dev", "/")))));
        wm.stubFor(patch(urlPathEqualTo(BATCH)).willReturn(json(200, "{\"secrets\":[" + item("A2", "${B}", "dev", null)
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
}
