package dev.infisicalpro;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.infisicalpro.internal.ClientRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * WireMock server per test plus helpers for Infisical's answers (bodies taken from
 * real-server-findings.md). Retry sleeps are recorded, not slept.
 */
abstract class WireSupport {

    static final String PROJECT = "6543b1f0c8e5a1d2e3f4a5b6";
    static final String CLIENT_ID = "2e5a9a2c-9a6c-4a5e-8c67-0c5b8b1f2d11";
    static final String CLIENT_SECRET = "cs-CANARY-7f3e9d1c2b4a";
    static final String ACCESS_TOKEN = "eyJhbGciOiJIUzI1NiJ9.ACCESS-CANARY.sig1";
    static final String ACCESS_TOKEN_2 = "eyJhbGciOiJIUzI1NiJ9.ACCESS-CANARY-2.sig2";
    static final String ST_ID = "64f0c8e5a1d2e3f4a5b6c7d8";
    static final String ST_SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    static final String SERVICE_TOKEN = "st." + ST_ID + "." + ST_SECRET + ".0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String SERVICE_TOKEN_SENT = "st." + ST_ID + "." + ST_SECRET;

    WireMockServer wm;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    /** How this test's clients wait between retries: recorded, not slept, unless a test swaps it. */
    volatile dev.infisicalpro.internal.Transport.Sleeper sleeper = sleeps::add;

    @BeforeEach
    void startWireMock() {
        wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().gzipDisabled(true));
        wm.start();
    }

    @AfterEach
    void stopWireMock() {
        wm.stop();
    }

    String host() {
        return "http://127.0.0.1:" + wm.port();
    }

    InfisicalClient.Builder builder(Credentials credentials) {
        return InfisicalClient.builder().host(host()).credentials(credentials)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    /** Builds with {@link #sleeper} as the retry sleeper. */
    InfisicalClient client(InfisicalClient.Builder b) {
        return b.retrySleeper(d -> sleeper.sleep(d)).build();
    }

    InfisicalClient uaClient() {
        return client(builder(Credentials.universalAuth(CLIENT_ID, CLIENT_SECRET)));
    }

    InfisicalClient stClient() {
        return client(builder(Credentials.serviceToken(SERVICE_TOKEN)));
    }

    static ClientRuntime runtime(InfisicalClient c) {
        return c.runtime();
    }

    static Scope scope(String env, String path) {
        return Scope.of(ProjectRef.id(PROJECT), env, path);
    }

    // ------------------------------------------------------------ canned answers

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    static String error(int status, String message, String error) {
        return "{\"statusCode\":" + status + ",\"message\":\"" + message + "\",\"error\":\"" + error + "\"}";
    }

    static String login(String token, long expiresIn, long maxTtl) {
        return "{\"accessToken\":\"" + token + "\",\"expiresIn\":" + expiresIn + ",\"accessTokenMaxTTL\":" + maxTtl
                + ",\"tokenType\":\"Bearer\"}";
    }

    void stubLogin(String token) {
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/universal-auth/login"))
                .willReturn(json(200, login(token, 7200, 86400))));
    }

    static String item(String key, String value, String env, String path) {
        return "{\"id\":\"" + key.hashCode() + "\",\"_id\":\"" + key.hashCode() + "\",\"workspace\":\"" + PROJECT
                + "\",\"environment\":\"" + env + "\",\"version\":1,\"type\":\"shared\",\"secretKey\":\""
                + key + "\",\"secretValue\":\"" + value + "\",\"secretComment\":\"\",\"secretReminderNote\":null,"
                + "\"secretReminderRepeatDays\":null,\"skipMultilineEncoding\":false,\"metadata\":null,"
                + "\"createdAt\":\"2026-11-29T07:55:39.693Z\",\"updatedAt\":\"2026-11-29T07:55:39.693Z\""
                + (path == null ? "" : ",\"secretPath\":\"" + path + "\",\"tags\":[]") + "}";
    }

    static String listing(String... items) {
        return "{\"secrets\":[" + String.join(",", items) + "],\"imports\":[]}";
    }

    static String describe(String... scopes) {
        List<String> s = new ArrayList<>();
        for (String scope : scopes) {
            String[] p = scope.split(":", 2);
            s.add("{\"secretPath\":\"" + p[1] + "\",\"environment\":\"" + p[0] + "\"}");
        }
        return "{\"id\":\"" + ST_ID + "\",\"name\":\"st-test\",\"scopes\":[" + String.join(",", s) + "],"
                + "\"permissions\":[\"read\",\"write\"],\"lastUsed\":null,\"expiresAt\":null,"
                + "\"secretHash\":\"$2b$10$hash\",\"encryptedKey\":\"x\",\"iv\":\"y\",\"tag\":\"z\","
                + "\"createdAt\":\"2026-11-29T07:55:40.250Z\",\"updatedAt\":\"2026-11-29T07:56:56.458Z\","
                + "\"createdBy\":\"u1\",\"projectId\":\"" + PROJECT + "\",\"workspace\":\"" + PROJECT + "\","
                + "\"user\":{\"email\":\"admin@example.com\"},\"_id\":\"" + ST_ID + "\",\"__v\":0}";
    }

    MappingBuilder withBearer(MappingBuilder m, String token) {
        return m.withHeader("Authorization", equalTo("Bearer " + token));
    }

    int count(String method, String path) {
        return (int) wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals(method)
                        && e.getRequest().getUrl().split("\\?")[0].equals(path))
                .count();
    }

    int total() {
        return wm.getAllServeEvents().size();
    }
}
