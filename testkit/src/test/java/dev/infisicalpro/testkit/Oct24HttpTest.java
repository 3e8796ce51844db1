package dev.infisicalpro.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** real-server-findings.md §6: ETag, 304, rate limits, error shapes, status route. OCT24. */
class Oct24HttpTest {

    FakeInfisical fake;
    FindingsFixture fx;
    Http http;

    @BeforeEach
    void start() {
        fake = FakeInfisical.builder().rateLimits(true)
                .clock(MutableClock.fixed(Instant.parse("2026-11-29T07:57:43Z"))).start();
        fx = new FindingsFixture(fake);
        http = fx.http;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    static String etagOf(String body) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
        return "\"" + Base64.getEncoder().encodeToString(sha1) + "\"";
    }

    private Http.Res list(Map<String, String> headers) {
        return http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project.id(), "environment",
                "dev", "secretPath", "/")), fx.admin(), headers);
    }

    @Test
    void etagIsBase64Sha1OfTheBodyAndOnlyAnExactMatchIs304() throws Exception {
        Http.Res first = list(Map.of());
        String etag = first.header("etag");
        assertThat(etag).isEqualTo(etagOf(first.text()));
        assertThat(first.header("content-type")).isEqualTo("application/json; charset=utf-8");

        Http.Res same = list(Map.of("If-None-Match", etag));
        assertThat(same.status()).isEqualTo(304);
        assertThat(same.text()).isEmpty();
        assertThat(same.header("etag")).isEqualTo(etag);

        for (String other : List.of("W/" + etag, "*", etag + ", \"x\"")) {
            Http.Res r = list(Map.of("If-None-Match", other));
            assertThat(r.status()).as(other).isEqualTo(200);
            assertThat(r.text()).isEqualTo(first.text());
        }

        fx.project.putSecret("dev", "/", "SHARED", "changed"); // any body change → new ETag
        Http.Res changed = list(Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("etag")).isNotEqualTo(etag);
    }

    @Test
    void errorsCarryAnEtagToo() throws Exception {
        Http.Res r = fx.getOne(fx.admin(), "NOT_THERE", "secretPath", "/");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("etag")).isEqualTo(etagOf(r.text()));
        assertThat(r.text()).isEqualTo("{\"statusCode\":404,\"message\":\"Secret with name 'NOT_THERE' not found\",\"error\":\"NotFound\"}");
        assertThat(r.header("x-ratelimit-limit")).isEqualTo("40");
    }

    @Test
    void secretsRoutesAllow40PerMinuteThen429() {
        String token = fx.admin();
        List<Integer> statuses = new ArrayList<>();
        Http.Res last = null;
        for (int i = 0; i < 45; i++) {
            last = list(Map.of());
            statuses.add(last.status());
            if (i == 0) {
                assertThat(last.header("x-ratelimit-limit")).isEqualTo("40");
                assertThat(last.header("x-ratelimit-remaining")).isEqualTo("39");
                assertThat(last.header("x-ratelimit-reset")).isEqualTo("60");
            }
        }
        assertThat(statuses.indexOf(429)).isEqualTo(40); // first 429 at request #41
        assertThat(statuses.subList(40, 45)).containsOnly(429);
        assertThat(last.header("retry-after")).isEqualTo("60");
        assertThat(last.header("x-ratelimit-remaining")).isEqualTo("0");
        assertThat(last.text()).isEqualTo("{\"statusCode\":429,\"message\":\"Rate limit exceeded. Please try again in 1 minute\",\"error\":\"RateLimitExceeded\"}");

        // counters are per route and client IP, not per token
        Http.Res st = http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "dev")), fx.stRoot.token());
        assertThat(st.status()).isEqualTo(429);
        Http.Res folders = http.get("/api/v1/folders?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "dev", "path", "/")), token);
        assertThat(folders.status()).isEqualTo(200);
        assertThat(folders.header("x-ratelimit-limit")).isEqualTo("60");
        Http.Res otherIp = list(Map.of("X-Forwarded-For", "127.0.0.2"));
        assertThat(otherIp.status()).isEqualTo(200);
        assertThat(otherIp.header("x-ratelimit-remaining")).isEqualTo("39");

        fake.clock().advance(Duration.ofSeconds(60)); // a new window
        assertThat(list(Map.of()).status()).isEqualTo(200);
    }

    @Test
    void oneCounterPerRoutePatternNotPerUrl() {
        String token = fx.admin();
        Http.Res r = null;
        for (int i = 0; i < 41; i++) {
            r = fx.getOne(token, "KEY_" + i, "secretPath", "/");
        }
        assertThat(r.status()).isEqualTo(429);
        assertThat(list(Map.of()).status()).isEqualTo(200); // the list route has its own counter
    }

    @Test
    void notModifiedStillCountsAndAuthFailuresAreNotLimited() {
        Http.Res first = list(Map.of());
        Http.Res second = list(Map.of("If-None-Match", first.header("etag")));
        assertThat(second.status()).isEqualTo(304);
        assertThat(second.header("x-ratelimit-remaining")).isEqualTo("38");
        Http.Res noAuth = http.get("/api/v3/secrets/raw?workspaceId=x&environment=dev", null);
        assertThat(noAuth.status()).isEqualTo(401);
        assertThat(noAuth.header("x-ratelimit-limit")).isNull();
        Http.Res login = http.json("POST", "/api/v1/auth/universal-auth/login", null,
                Map.of("clientId", fx.uaAdmin.clientId(), "clientSecret", fx.uaAdmin.clientSecret()));
        assertThat(login.header("x-ratelimit-limit")).isEqualTo("200");
    }

    @Test
    void unknownRouteIsTheFrameworks404() {
        Http.Res r = http.get("/api/v3/does-not-exist", fx.admin());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("{\"message\":\"Route GET:/api/v3/does-not-exist not found\",\"error\":\"Not Found\",\"statusCode\":404}");
        assertThat(http.get("/healthcheck", null).status()).isEqualTo(404);
        Http.Res v4 = http.get("/api/v4/secrets?projectId=x", fx.admin()); // v4 does not exist on OCT24
        assertThat(v4.message()).isEqualTo("Route GET:/api/v4/secrets?projectId=x not found");
    }

    @Test
    void statusRoute() {
        Http.Res r = http.get("/api/status", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(Oct24ServiceTokenTest.fieldNames(r.json())).containsExactly("date", "message", "emailConfigured",
                "inviteOnlySignup", "redisConfigured", "secretScanningConfigured");
        assertThat(r.message()).isEqualTo("Ok");
        assertThat(r.header("x-ratelimit-limit")).isNull();
    }

    @Test
    void rateLimitsAreOffByDefault() {
        try (FakeInfisical plain = FakeInfisical.start()) {
            FakeProject p = plain.createProject("p");
            ServiceTokenCredentials st = p.createServiceToken("t", List.of(TokenScope.of("dev", "/")),
                    java.util.EnumSet.of(Permission.READ));
            Http h = new Http(plain);
            Http.Res r = null;
            for (int i = 0; i < 45; i++) {
                r = h.get("/api/v3/secrets/raw", st.token());
            }
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-ratelimit-limit")).isNull();
        }
    }
}
