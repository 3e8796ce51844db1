package dev.infisicalpro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user-supplied host becomes the API root, whatever form it is typed in. */
class HostTest extends WireSupport {

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static String apiUrl(String host) {
        try (InfisicalClient c = InfisicalClient.builder().host(host).credentials(Credentials.accessToken("t")).build()) {
            return c.apiUrl();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://h.example.com", "https://h.example.com/", "https://h.example.com/api",
            "https://h.example.com/api/", " https://h.example.com/api// "})
    void hostWithApiSuffixAndTrailingSlashMeansSameRoot(String host) {
        assertThat(apiUrl(host)).isEqualTo("https://h.example.com/api");
    }

    @Test
    void hostUnderAPathPrefixKeepsThePrefix() {
        assertThat(apiUrl("https://example.com/infisical/")).isEqualTo("https://example.com/infisical/api");
    }

    @Test
    void defaultHostIsInfisicalCloud() {
        try (InfisicalClient c = InfisicalClient.builder().credentials(Credentials.accessToken("t")).build()) {
            assertThat(c.apiUrl()).isEqualTo("https://app.infisical.com/api");
        }
    }

    @Test
    void requestsGoUnderTheApiRootWhicheverSpellingWasGiven() {
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, listing())));
        for (String spelling : new String[] {host(), host() + "/", host() + "/api", host() + "/api/"}) {
            try (InfisicalClient c = client(InfisicalClient.builder().host(spelling)
                    .credentials(Credentials.accessToken(ACCESS_TOKEN)))) {
                c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            }
        }
        wm.verify(4, getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw")));
    }

    @Test
    void plainHttpToANonLoopbackHostWorksButLogsOneWarning() {
        try (InfisicalClient c = InfisicalClient.builder().host("http://infisical.internal.example:8080")
                .credentials(Credentials.accessToken("t")).build()) {
            assertThat(c.apiUrl()).isEqualTo("http://infisical.internal.example:8080/api");
        }
        assertThat(logs.warnings()).isEqualTo(1);
        assertThat(logs.all()).contains("http://infisical.internal.example:8080/api").contains("https");
    }

    @Test
    void plainHttpToLoopbackLogsNoWarning() {
        for (String h : new String[] {"http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080"}) {
            InfisicalClient.builder().host(h).credentials(Credentials.accessToken("t")).build().close();
        }
        assertThat(logs.warnings()).isZero();
    }

    @Test
    void hostWithoutSchemeIsAConfigurationError() {
        // the rule and the fix, never the value (it may be a token pasted into the wrong variable)
        assertThatThrownBy(() -> apiUrl("infisical.example.com")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("has no scheme").hasMessageContaining("https://")
                .hasMessageNotContaining("infisical.example.com");
    }

    @Test
    void closeIsIdempotentAndAClosedClientRefusesWorkWithAnInfisicalException() {
        InfisicalClient c = InfisicalClient.builder().host(host()).credentials(Credentials.accessToken("t")).build();
        c.close();
        c.close();
        assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                .isExactlyInstanceOf(InfisicalException.class).hasMessageContaining("closed");
        assertThat(total()).isZero();
    }

    @Test
    void hostNamesWithUnderscoresAreAccepted() {
        assertThat(apiUrl("http://infisical_backend:8080")).isEqualTo("http://infisical_backend:8080/api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h.example.com", "https://", "https://h.example.com/api?x=1",
            "https://user:pw@h.example.com", "https://h.example.com/#frag"})
    void hostsThatAreNotAPlainHttpUrlAreConfigurationErrors(String host) {
        assertThatThrownBy(() -> apiUrl(host)).isInstanceOf(ValidationException.class);
    }

    @Test
    void redirectsAreNotFollowedButExplained() {
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(301).withHeader("Location", "https://infisical.example.com/api/v3/secrets/raw")));
        try (InfisicalClient c = client(InfisicalClient.builder().host(host())
                .credentials(Credentials.accessToken(ACCESS_TOKEN)))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("redirected").hasMessageContaining("https://infisical.example.com")
                    .hasMessageContaining("infisical.host-api")
                    .satisfies(e -> assertThat(((InfisicalException) e).status()).hasValue(301));
        }
        assertThat(total()).isEqualTo(1);
    }
}
