package dev.infisicalpro.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fault injection, the request journal, the movable clock, thread-safety of seeding. */
class FaultsJournalClockTest {

    FakeInfisical fake;
    FakeProject project;
    ServiceTokenCredentials st;
    Http http;

    @BeforeEach
    void start() {
        fake = FakeInfisical.start();
        project = fake.createProject("demo");
        project.putSecret("dev", "/", "A", "1");
        st = project.createServiceToken("t", List.of(TokenScope.of("dev", "/")), EnumSet.of(Permission.READ));
        http = new Http(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Http.Res list() {
        return http.get("/api/v3/secrets/raw", st.token());
    }

    @Test
    void statusFaultForTheNextNRequestsOnly() {
        fake.faults().next("GET", "/api/v3/secrets/raw", 2, Fault.status(503));
        assertThat(fake.faults().pending()).isEqualTo(2);
        Http.Res first = list();
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.text()).isEqualTo("{\"statusCode\":503,\"message\":\"Service Unavailable\",\"error\":\"ServiceUnavailable\"}");
        assertThat(list().status()).isEqualTo(503);
        assertThat(list().status()).isEqualTo(200);
        assertThat(fake.faults().pending()).isZero();
    }

    @Test
    void statusFaultWithBodyAndOtherRoutesUnaffected() {
        fake.faults().next("GET", "/api/v3/secrets/raw/", 1, Fault.status(502, "<html>bad gateway</html>"));
        assertThat(http.get("/api/v2/service-token", st.token()).status()).isEqualTo(200);
        Http.Res r = list();
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.text()).isEqualTo("<html>bad gateway</html>");
    }

    @Test
    void rateLimitedFaultSendsRetryAfter() {
        fake.faults().next("GET", "/api/v3/secrets/raw", 1, Fault.rateLimited(Duration.ofSeconds(7)));
        Http.Res r = list();
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("retry-after")).isEqualTo("7");
        assertThat(r.error()).isEqualTo("RateLimitExceeded");
    }

    @Test
    void delayFaultThenNormalAnswer() {
        fake.faults().next("*", "*", 1, Fault.delay(Duration.ofMillis(150)));
        long t0 = System.nanoTime();
        Http.Res r = list();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void droppedConnectionIsAnIoError() throws Exception {
        // Clients retry a GET once when a *pooled* connection dies (the JDK client and OkHttp both do),
        // so drop two in a row to make the failure visible to the caller.
        fake.faults().next("GET", "/api/v3/secrets/raw", 2, Fault.drop());
        java.net.http.HttpClient fresh = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.url()
                + "/api/v3/secrets/raw")).header("Authorization", "Bearer " + st.token()).build();
        assertThatThrownBy(() -> fresh.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isBetween(1, 2);
        fake.faults().clear();
        assertThat(fresh.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedBodyIsNotJson() {
        fake.faults().next("GET", "/api/v3/secrets/raw", 1, Fault.malformedBody());
        Http.Res r = list();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThatThrownBy(r::json).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void faultsCanBeCleared() {
        fake.faults().next("GET", "/api/v3/secrets/raw", 5, Fault.status(500));
        fake.faults().clear();
        assertThat(list().status()).isEqualTo(200);
    }

    @Test
    void journalRecordsDecodedRequests() {
        http.send("PATCH", "/api/v3/secrets/raw/A?x=%2Fa%20b&x=2", st.token(), "{\"k\":\"v\"}", "application/json",
                Map.of("X-Custom", "yes"));
        RecordedRequest r = fake.journal().last();
        assertThat(r.method()).isEqualTo("PATCH");
        assertThat(r.path()).isEqualTo("/api/v3/secrets/raw/A");
        assertThat(r.rawTarget()).isEqualTo("/api/v3/secrets/raw/A?x=%2Fa%20b&x=2");
        assertThat(r.query().get("x")).containsExactly("/a b", "2");
        assertThat(r.queryParam("x")).contains("/a b");
        assertThat(r.header("x-custom")).contains("yes");
        assertThat(r.header("Authorization")).contains("Bearer " + st.token());
        assertThat(r.body()).isEqualTo("{\"k\":\"v\"}");
        assertThat(r.toString()).doesNotContain(st.token());
    }

    @Test
    void journalCountsPerRouteIncludingFaultedAndRejectedRequests() {
        fake.faults().next("GET", "/api/v3/secrets/raw", 1, Fault.status(503));
        list();
        list();
        http.get("/api/v3/secrets/raw", null); // 401, still recorded
        http.get("/api/v2/service-token", st.token());
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isEqualTo(3);
        assertThat(fake.journal().count("get", "/api/v3/secrets/raw/")).isEqualTo(3);
        assertThat(fake.journal().count("*", "*")).isEqualTo(4);
        assertThat(fake.journal().requests("GET", "/api/v2/service-token")).hasSize(1);
        fake.journal().clear();
        assertThat(fake.journal().requests()).isEmpty();
    }

    @Test
    void clockIsMovableAndDrivesTimestamps() {
        Instant before = fake.clock().instant();
        fake.clock().advance(Duration.ofDays(2));
        assertThat(Duration.between(before, fake.clock().instant())).isGreaterThanOrEqualTo(Duration.ofDays(2));
        project.putSecret("dev", "/", "LATER", "x");
        String createdAt = http.get("/api/v3/secrets/raw/LATER", st.token()).json().at("/secret/createdAt").asText();
        assertThat(Instant.parse(createdAt)).isAfterOrEqualTo(before.plus(Duration.ofDays(2)).minusMillis(1));
        fake.clock().set(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(fake.clock().instant()).isBetween(Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:01:00Z"));
    }

    @Test
    void injectedPlainClockIsWrappedAndAdvanceable() {
        java.time.Clock fixed = java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        try (FakeInfisical f = FakeInfisical.builder().clock(fixed).start()) {
            assertThat(f.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            f.clock().advance(Duration.ofHours(1));
            assertThat(f.clock().instant()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        }
        MutableClock mine = MutableClock.fixed(Instant.EPOCH);
        try (FakeInfisical f = FakeInfisical.builder().clock(mine).start()) {
            assertThat(f.clock()).isSameAs(mine);
        }
    }

    @Test
    void seedingWhileServingIsSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    project.putSecret("dev", "/", "K" + (i % 20), "v" + i);
                    project.createFolder("dev", "/f" + (i % 10));
                }
            });
            for (int r = 0; r < 3; r++) {
                pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        assertThat(list().status()).isEqualTo(200);
                    }
                });
            }
            writer.get();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(list().json().get("secrets")).hasSize(21);
    }

    @Test
    void credentialsNeverPrintSecrets() {
        UniversalAuthCredentials ua = project.createUniversalAuthIdentity("a", Role.ADMIN, Duration.ofHours(1),
                Duration.ofHours(2));
        assertThat(ua.toString()).contains(ua.clientId()).doesNotContain(ua.clientSecret());
        String[] parts = st.token().split("\\.");
        assertThat(st.toString()).doesNotContain(parts[2]).doesNotContain(parts[3]);
        assertThat(st.bearer()).isEqualTo("st." + parts[1] + "." + parts[2]);
    }
}
