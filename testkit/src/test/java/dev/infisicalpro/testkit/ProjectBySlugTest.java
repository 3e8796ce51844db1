package dev.infisicalpro.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v2/workspace/:slug} (the operator resolves a project slug with it):
 * the project object itself with its environments; machine identities only.
 */
class ProjectBySlugTest {

    static FakeInfisical fake;
    static FindingsFixture fx;

    @BeforeAll
    static void start() {
        fake = FakeInfisical.builder().start();
        fx = new FindingsFixture(fake);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void answersTheProjectWithItsEnvironments() {
        Http.Res r = fx.http.get("/api/v2/workspace/" + fx.project.slug(), fx.admin());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asText()).isEqualTo(fx.project.id());
        assertThat(r.json().path("_id").asText()).isEqualTo(fx.project.id());
        assertThat(r.json().path("slug").asText()).isEqualTo(fx.project.slug());
        assertThat(r.json().path("name").asText()).isEqualTo(fx.project.name());
        assertThat(r.json().path("environments").findValuesAsText("slug")).containsExactly("dev", "staging", "prod");
    }

    @Test
    void unknownSlugIs404() {
        Http.Res r = fx.http.get("/api/v2/workspace/no-such-project", fx.admin());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.message()).isEqualTo("Project with slug 'no-such-project' not found");
    }

    @Test
    void anotherProjectsIdentityIsRefused() {
        UniversalAuthCredentials other = fx.project2.createUniversalAuthIdentity("other", Role.ADMIN,
                Duration.ofHours(1), Duration.ofHours(2));
        Http.Res r = fx.http.get("/api/v2/workspace/" + fx.project.slug(), fx.http.login(other));
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void serviceTokensMayNotUseTheRoute() {
        Http.Res r = fx.http.get("/api/v2/workspace/" + fx.project.slug(), fx.stGlob.token());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).startsWith("Forbidden access to");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void existsOnBothGenerations(Generation g) {
        try (FakeInfisical f = FakeInfisical.builder().generation(g).build().start()) {
            FakeProject p = f.createProject("demo");
            UniversalAuthCredentials ua = p.createUniversalAuthIdentity("app", Role.VIEWER, Duration.ofHours(1),
                    Duration.ofHours(2));
            Http http = new Http(f);
            assertThat(http.get("/api/v2/workspace/" + p.slug(), http.login(ua)).json().path("id").asText())
                    .isEqualTo(p.id());
        }
    }
}
