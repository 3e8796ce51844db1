package dev.infisicalpro;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lazy single-flight login, renew, re-login, the one retry after a rejected token. */
class TokenLifecycleTest extends WireSupport {

    private static final String LOGIN = "/api/v1/auth/universal-auth/login";
    private static final String RENEW = "/api/v1/auth/token/renew";
    private static final String LIST = "/api/v3/secrets/raw";

    private final TestClock clock = new TestClock();

    private InfisicalClient client() {
        return client(builder(Credentials.universalAuth(CLIENT_ID, CLIENT_SECRET)).clock(clock));
    }

    private void list(InfisicalClient c) {
        c.secrets().list(scope("dev", "/"), ListOptions.defaults());
    }

    private void stubList() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing())));
    }

    @Test
    void noLoginHappensBeforeTheFirstRequest() {
        try (InfisicalClient c = client()) {
            assertThat(c.apiUrl()).endsWith("/api");
        }
        assertThat(total()).isZero();
    }

    @Test
    void renewsBeforeExpiresInRunsOutAndKeepsTheSameTokenOnOct24() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(200, login(ACCESS_TOKEN, 7200, 86400))));
        // OCT24 renew answers with the same token string
        wm.stubFor(post(urlPathEqualTo(RENEW)).willReturn(json(200, login(ACCESS_TOKEN, 7200, 86400))));
        stubList();
        try (InfisicalClient c = client()) {
            list(c);
            clock.advance(Duration.ofMinutes(100)); // 20 min left of 120: nothing to do yet
            list(c);
            assertThat(count("POST", RENEW)).isZero();
            clock.advance(Duration.ofMinutes(16)); // 4 min left (< 10 % margin): renew
            list(c);
            assertThat(count("POST", RENEW)).isEqualTo(1);
            clock.advance(Duration.ofMinutes(30)); // renewed window is 2 h from the renewal
            list(c);
            assertThat(count("POST", RENEW)).isEqualTo(1);
            assertThat(count("POST", LOGIN)).isEqualTo(1);
        }
        wm.verify(postRequestedFor(urlPathEqualTo(RENEW))
                .withRequestBody(equalToJson("{\"accessToken\":\"" + ACCESS_TOKEN + "\"}"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void renewReturningANewTokenIsUsedFromThenOn() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(200, login(ACCESS_TOKEN, 600, 86400))));
        wm.stubFor(post(urlPathEqualTo(RENEW)).willReturn(json(200, login(ACCESS_TOKEN_2, 600, 86400))));
        stubList();
        try (InfisicalClient c = client()) {
            list(c);
            clock.advance(Duration.ofSeconds(590));
            list(c);
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN_2)));
    }

    @Test
    void logsInAgainInsteadOfRenewingWhenMaxTtlIsNear() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, login(ACCESS_TOKEN, 3600, 7200))).willSetStateTo("second"));
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs("second")
                .willReturn(json(200, login(ACCESS_TOKEN_2, 3600, 7200))));
        wm.stubFor(post(urlPathEqualTo(RENEW)).willReturn(json(200, login(ACCESS_TOKEN, 3600, 7200))));
        stubList();
        try (InfisicalClient c = client()) {
            list(c);
            clock.advance(Duration.ofMinutes(56)); // renew: max TTL still far
            list(c);
            assertThat(count("POST", RENEW)).isEqualTo(1);
            clock.advance(Duration.ofMinutes(58)); // 114 min after login: max TTL (120) within margin
            list(c);
            assertThat(count("POST", LOGIN)).isEqualTo(2);
            assertThat(count("POST", RENEW)).isEqualTo(1);
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN_2)));
    }

    @Test
    void logsInAgainWhenRenewFails() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(200, login(ACCESS_TOKEN, 600, 86400))));
        wm.stubFor(post(urlPathEqualTo(RENEW)).willReturn(json(401,
                error(401, "Failed to renew MI access token due to TTL expiration", "UnauthorizedError"))));
        stubList();
        try (InfisicalClient c = client()) {
            list(c);
            clock.advance(Duration.ofSeconds(590));
            list(c);
        }
        assertThat(count("POST", RENEW)).isEqualTo(1);
        assertThat(count("POST", LOGIN)).isEqualTo(2);
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    /** {@code threads} first lists on one client, released together. */
    private void listConcurrently(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (InfisicalClient c = client()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    list(c);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixteenConcurrentFirstRequestsCauseOneLogin() throws Exception {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(200, login(ACCESS_TOKEN, 7200, 86400))
                .withFixedDelay(200)));
        stubList();
        listConcurrently(16);
        assertThat(count("POST", LOGIN)).isEqualTo(1);
        assertThat(count("GET", LIST)).isEqualTo(16);
    }

    @Test
    void reLogsInExactlyOnceOnTokenErrorThenSucceeds() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, login(ACCESS_TOKEN, 7200, 86400))).willSetStateTo("second"));
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs("second")
                .willReturn(json(200, login(ACCESS_TOKEN_2, 7200, 86400))));
        wm.stubFor(get(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(json(403, error(403, "Your token has expired. Please re-authenticate.", "TokenError"))));
        wm.stubFor(get(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN_2))
                .willReturn(json(200, listing(item("A", "1", "dev", "/")))));
        try (InfisicalClient c = client()) {
            assertThat(c.secrets().list(scope("dev", "/"), ListOptions.defaults()).secrets()).hasSize(1);
        }
        assertThat(count("POST", LOGIN)).isEqualTo(2);
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    @Test
    void concurrentTokenErrorsOnTheSameTokenCauseOneReLogin() throws Exception {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, login(ACCESS_TOKEN, 7200, 86400))).willSetStateTo("second"));
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs("second")
                .willReturn(json(200, login(ACCESS_TOKEN_2, 7200, 86400)).withFixedDelay(100)));
        wm.stubFor(get(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(json(403, error(403, "Your token has expired. Please re-authenticate.", "TokenError"))));
        wm.stubFor(get(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN_2))
                .willReturn(json(200, listing())));
        // all eight log in once (single flight), all get ACCESS_TOKEN rejected, one re-login serves them
        listConcurrently(8);
        assertThat(count("POST", LOGIN)).isEqualTo(2);
        assertThat(count("GET", LIST)).isBetween(9, 16); // each thread: at most one rejected try, then success
    }

    @Test
    void reLogsInOnceOn401NoIdentityAccessTokenFound() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, login(ACCESS_TOKEN, 7200, 86400))).willSetStateTo("second"));
        wm.stubFor(post(urlPathEqualTo(LOGIN)).inScenario("login").whenScenarioStateIs("second")
                .willReturn(json(200, login(ACCESS_TOKEN_2, 7200, 86400))));
        wm.stubFor(get(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(json(401, error(401, "No identity access token found", "UnauthorizedError"))));
        wm.stubFor(get(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN_2))
                .willReturn(json(200, listing())));
        try (InfisicalClient c = client()) {
            list(c);
        }
        assertThat(count("POST", LOGIN)).isEqualTo(2);
    }

    @Test
    void persistentTokenErrorFailsAfterOneReLoginWithoutLooping() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo(LIST))
                .willReturn(json(403, error(403, "invalid signature", "TokenError"))));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> list(c)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("invalid signature");
        }
        assertThat(count("POST", LOGIN)).isEqualTo(2);
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    @Test
    void invalidCredentialsIsNeverRetried() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(401,
                error(401, "Invalid credentials", "UnauthorizedError"))));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> list(c)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Invalid credentials")
                    .hasMessageContaining("lock");
        }
        assertThat(count("POST", LOGIN)).isEqualTo(1);
        assertThat(count("GET", LIST)).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void refusedLoginIsNotRepeatedForAMinuteSoRefreshLoopsCannotLockTheIdentityOut() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(401,
                error(401, "Invalid credentials", "UnauthorizedError"))));
        try (InfisicalClient c = client()) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> list(c)).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("Invalid credentials");
                clock.advance(Duration.ofSeconds(10));
            }
            assertThat(count("POST", LOGIN)).isEqualTo(1);
            clock.advance(Duration.ofSeconds(15)); // 65 s after the refusal
            assertThatThrownBy(() -> list(c)).isInstanceOf(AuthenticationException.class);
            assertThat(count("POST", LOGIN)).isEqualTo(2);
        }
    }

    @Test
    void validationFailureOnARequestIsNotTreatedAsAnExpiredToken() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(401, "{\"statusCode\":401,\"message\":[{\"code\":"
                + "\"invalid_enum_value\",\"path\":[\"recursive\"],\"message\":\"Invalid enum value\"}],"
                + "\"error\":\"ValidationFailure\"}")));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> list(c)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("recursive: Invalid enum value");
        }
        assertThat(count("POST", LOGIN)).isEqualTo(1);
    }

    @Test
    void serviceTokenIsNeverLoggedInAgainOn401() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(json(401,
                error(401, "Invalid service token", "UnauthorizedError"))));
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("Invalid service token");
        }
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void plainAccessTokenIsSentAsIsWithoutLogin() {
        stubList();
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            list(c);
        }
        assertThat(total()).isEqualTo(1);
        wm.verify(getRequestedFor(urlPathEqualTo(LIST)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
    }

    @Test
    void kubernetesAuthReadsTheJwtFileAtEachLogin(@TempDir Path dir) throws Exception {
        Path jwt = dir.resolve("token");
        Files.writeString(jwt, "k8s-jwt-one\n");
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/kubernetes-auth/login"))
                .willReturn(json(200, login(ACCESS_TOKEN, 600, 1200))));
        stubList();
        try (InfisicalClient c = client(builder(Credentials.kubernetes("identity-1", jwt)).clock(clock))) {
            list(c);
            Files.writeString(jwt, "k8s-jwt-two\n"); // kubelet rotated the projected token
            clock.advance(Duration.ofSeconds(1150)); // max TTL near: log in again
            list(c);
        }
        wm.verify(postRequestedFor(urlPathEqualTo("/api/v1/auth/kubernetes-auth/login"))
                .withRequestBody(equalToJson("{\"identityId\":\"identity-1\",\"jwt\":\"k8s-jwt-one\"}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/v1/auth/kubernetes-auth/login"))
                .withRequestBody(equalToJson("{\"identityId\":\"identity-1\",\"jwt\":\"k8s-jwt-two\"}")));
    }

    @Test
    void missingKubernetesTokenFileIsAConfigurationError(@TempDir Path dir) {
        try (InfisicalClient c = client(builder(Credentials.kubernetes("identity-1", dir.resolve("absent"))))) {
            assertThatThrownBy(() -> list(c)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("infisical.auth.kubernetes.token-path");
        }
        assertThat(total()).isZero();
    }

    @Test
    void loginBodyIsExactlyCamelCaseClientIdAndClientSecret() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(200, login(ACCESS_TOKEN, 7200, 86400))));
        stubList();
        try (InfisicalClient c = client()) {
            list(c);
        }
        java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> logins =
                wm.findAll(postRequestedFor(urlPathEqualTo(LOGIN)));
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0).getBodyAsString())
                .isEqualTo("{\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + CLIENT_SECRET + "\"}");
        assertThat(logins.get(0).getHeader("Content-Type")).startsWith("application/json");
        assertThat(logins.get(0).containsHeader("Authorization")).isFalse();
    }
}
