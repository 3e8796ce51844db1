package dev.infisicalpro.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void loginListCreate() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            p.putSecret("dev", "/app", "DB_PASSWORD", "s3cret");
            UniversalAuthCredentials ua = p.createUniversalAuthIdentity("app", Role.ADMIN, Duration.ofHours(2), Duration.ofHours(24));
            ServiceTokenCredentials st = p.createServiceToken("ci", List.of(TokenScope.of("dev", "/**")), EnumSet.of(Permission.READ));
            Http http = new Http(fake);
            String tok = http.login(ua);
            Http.Res r = http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", p.id(), "environment", "dev", "secretPath", "/app")), tok);
            System.out.println(r.status() + " " + r.text() + " " + r.raw().headers().map());
            assertThat(r.status()).isEqualTo(200);
            r = http.get("/api/v2/service-token", st.token());
            System.out.println(r.status() + " " + r.text());
            assertThat(r.status()).isEqualTo(200);
        }
    }
}
