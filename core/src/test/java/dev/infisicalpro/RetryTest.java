package dev.infisicalpro;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is retried, how long it waits (sleeps are recorded, not slept). */
class RetryTest extends WireSupport {

    private static final String LIST = "/api/v3/secrets/raw";

    private void failThenSucceed(String method, String path, int failures,
                                 com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure,
                                 String success) {
        String state = Scenario.STARTED;
        for (int i = 0; i < failures; i++) {
            String next = "after-" + (i + 1);
            wm.stubFor((method.equals("GET") ? get(urlPathEqualTo(path)) : post(urlPathEqualTo(path)))
                    .inScenario("flaky").whenScenarioStateIs(state).willReturn(failure).willSetStateTo(next));
            state = next;
        }
        wm.stubFor((method.equals("GET") ? get(urlPathEqualTo(path)) : post(urlPathEqualTo(path)))
                .inScenario("flaky").whenScenarioStateIs(state).willReturn(json(200, success)));
    }

    private InfisicalClient client() {
        return client(builder(Credentials.accessToken(ACCESS_TOKEN)));
    }

    @Test
    void readsRetry503ThenSucceed() {
        failThenSucceed("GET", LIST, 2, json(503, error(503, "Service Unavailable", "ServiceUnavailable")), listing());
        try (InfisicalClient c = client()) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", LIST)).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void readsRetry502And504() {
        failThenSucceed("GET", LIST, 1, json(502, "bad gateway"), listing());
        try (InfisicalClient c = client()) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    @Test
    void readsGiveUpAfterMaxAttemptsWithTheLastError() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(504, error(504, "Gateway Timeout", "GatewayTimeoutError"))));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(TransportException.class).hasMessageContaining("-> 504");
        }
        assertThat(count("GET", LIST)).isEqualTo(3);
    }

    @Test
    void readsRetryADroppedConnection() {
        failThenSucceed("GET", LIST, 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), listing());
        try (InfisicalClient c = client()) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    @Test
    void readsRetryATimeout() {
        failThenSucceed("GET", LIST, 1, json(200, listing()).withFixedDelay(1500), listing());
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN))
                .readTimeout(Duration.ofMillis(300)))) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", LIST)).isEqualTo(2);
    }

    @Test
    void writesAreNotRetriedOn503BecauseTheServerMayHaveAppliedThem() {
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/K")).willReturn(json(503, "unavailable")));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("K", "v")))
                    .isInstanceOf(TransportException.class);
        }
        assertThat(count("POST", "/api/v3/secrets/raw/K")).isEqualTo(1);
    }

    @Test
    void writesAreNotRetriedAfterATimeout() {
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/K"))
                .willReturn(json(200, "{\"secret\":" + item("K", "v", "dev", null) + "}").withFixedDelay(1500)));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN))
                .readTimeout(Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("K", "v")))
                    .isInstanceOf(TransportException.class).hasMessageContaining("timed out");
        }
        assertThat(count("POST", "/api/v3/secrets/raw/K")).isEqualTo(1);
    }

    @Test
    void writesAreRetriedOn429HonouringRetryAfter() {
        failThenSucceed("POST", "/api/v3/secrets/raw/K", 1, json(429, error(429,
                "Rate limit exceeded. Please try again in 1 minute", "RateLimitExceeded")).withHeader("retry-after", "3"),
                "{\"secret\":" + item("K", "v", "dev", null) + "}");
        try (InfisicalClient c = client()) {
            c.secrets().create(scope("dev", "/"), NewSecret.of("K", "v"));
        }
        assertThat(count("POST", "/api/v3/secrets/raw/K")).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterLongerThanThePolicyAllowsFailsAtOnce() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(429, error(429,
                "Rate limit exceeded. Please try again in 1 minute", "RateLimitExceeded")).withHeader("retry-after", "60")));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(RateLimitException.class)
                    .satisfies(e -> assertThat(((RateLimitException) e).retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        }
        assertThat(count("GET", LIST)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void missingRetryAfterMeansSixtySeconds() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(429, error(429, "Rate limit exceeded", "RateLimitExceeded"))));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMinutes(2))))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(RateLimitException.class);
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void connectFailuresAreRetriedEvenForWrites() {
        int port = wm.port();
        wm.stop();
        try (InfisicalClient c = client(InfisicalClient.builder().host("http://127.0.0.1:" + port)
                .credentials(Credentials.accessToken(ACCESS_TOKEN)))) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("K", "v")))
                    .isInstanceOf(TransportException.class).hasMessageContaining("cannot connect");
        }
        assertThat(sleeps).hasSize(2); // 3 attempts
    }

    @Test
    void backoffIsExponentialWithFullJitterCappedAtMaxBackoff() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(503, "x")));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN))
                .retryPolicy(new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ZERO)))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(TransportException.class);
        }
        assertThat(sleeps).hasSize(5);
        long[] ceilings = {100, 200, 400, 400, 400};
        for (int i = 0; i < 5; i++) {
            assertThat(sleeps.get(i)).isBetween(Duration.ZERO, Duration.ofMillis(ceilings[i]));
        }
    }

    @Test
    void noRetryPolicyMakesOneAttempt() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(503, "x")));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)).retryPolicy(RetryPolicy.none()))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(TransportException.class);
        }
        assertThat(count("GET", LIST)).isEqualTo(1);
    }

    @Test
    void retryAfterOn503ReadsIsHonouredUpToThePolicyCap() {
        failThenSucceed("GET", LIST, 2, json(503, error(503, "Service Unavailable", "ServiceUnavailable"))
                .withHeader("Retry-After", "4"), listing());
        try (InfisicalClient c = client()) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredAgainstTheClientClock() {
        TestClock clock = new TestClock();
        String inSeven = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(7).atZone(java.time.ZoneOffset.UTC));
        failThenSucceed("GET", LIST, 1, json(503, "x").withHeader("Retry-After", inSeven), listing());
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)).clock(clock))) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void unreadableRetryAfterOn429MeansSixtySecondsSoTheDefaultPolicyFailsFast() {
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(429, error(429, "Rate limit exceeded", "RateLimitExceeded"))
                .withHeader("Retry-After", "soon")));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)).retryPolicy(RetryPolicy.defaults()))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(RateLimitException.class)
                    .satisfies(e -> assertThat(((RateLimitException) e).retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        }
        assertThat(sleeps).isEmpty();
    }
}
