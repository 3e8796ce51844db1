package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs the server would turn into 500s (or a route 404) are refused or routed around. */
class InputGuardTest extends WireSupport {

    private InfisicalClient client() {
        return client(builder(Credentials.accessToken(ACCESS_TOKEN)));
    }

    @Test
    void keyOver500CharactersIsRefusedBeforeSending() {
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("K".repeat(501), "v")))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("501 characters");
        }
        assertThat(total()).isZero();
    }

    @Test
    void keyOver100CharactersGoesThroughTheBatchRouteInsteadOfTheUrl() {
        String key = "K".repeat(300);
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/batch/raw"))
                .willReturn(json(200, "{\"secrets\":[" + item(key, "v", "dev", null) + "]}")));
        try (InfisicalClient c = client()) {
            assertThat(c.secrets().create(scope("dev", "/app"), NewSecret.of(key, "v")).key()).isEqualTo(key);
        }
        wm.verify(postRequestedFor(urlPathEqualTo("/api/v3/secrets/batch/raw")).withRequestBody(equalToJson(
                "{\"workspaceId\":\"" + PROJECT + "\",\"environment\":\"dev\",\"secretPath\":\"/app\",\"secrets\":"
                        + "[{\"secretKey\":\"" + key + "\",\"secretValue\":\"v\",\"secretComment\":\"\"}]}")));
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void bodyOfOneMebibyteIsRefusedBeforeSending() {
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("BIG", "y".repeat(1_048_576))))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("too large")
                    .hasMessageContaining("1 MiB");
        }
        assertThat(total()).isZero();
    }

    @Test
    void valueJustUnderTheBodyLimitIsSent() {
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/BIG"))
                .willReturn(json(200, "{\"secret\":" + item("BIG", "v", "dev", null) + "}")));
        try (InfisicalClient c = client()) {
            c.secrets().create(scope("dev", "/"), NewSecret.of("BIG", "v".repeat(1_000_000)));
        }
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void folderNamesOutsideTheSafeAlphabetAreRefused() {
        for (String bad : List.of("/has space", "/dotted.name", "/ключ", "/a/b c")) {
            assertThatThrownBy(() -> SecretPath.of(bad)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("500");
        }
    }

    @Test
    void blankKeyIsRefused() {
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("  ", "v")))
                    .isInstanceOf(ValidationException.class);
        }
        assertThat(total()).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {".", ".."})
    void dotKeysGoThroughTheBatchRoutesBecauseUrlsCollapseDotSegments(String key) {
        String batch = "/api/v3/secrets/batch/raw";
        String answer = "{\"secrets\":[" + item(key, "v", "dev", null) + "]}";
        wm.stubFor(post(urlPathEqualTo(batch)).willReturn(json(200, answer)));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathEqualTo(batch)).willReturn(json(200, answer)));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(batch)).willReturn(json(200, answer)));
        try (InfisicalClient c = client()) {
            assertThat(c.secrets().create(scope("dev", "/app"), NewSecret.of(key, "v")).key()).isEqualTo(key);
            assertThat(c.secrets().update(scope("dev", "/app"), key, SecretUpdate.value("v")).key()).isEqualTo(key);
            assertThat(c.secrets().delete(scope("dev", "/app"), key).key()).isEqualTo(key);
        }
        assertThat(count("POST", batch) + count("PATCH", batch) + count("DELETE", batch)).isEqualTo(3);
        assertThat(total()).isEqualTo(3);
        wm.verify(postRequestedFor(urlPathEqualTo(batch)).withRequestBody(equalToJson(
                "{\"secrets\":[{\"secretKey\":\"" + key + "\"}]}", true, true)));
    }
}
