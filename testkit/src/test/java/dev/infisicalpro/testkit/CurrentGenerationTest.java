package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@link Generation#CURRENT} differs from OCT24 (infisical-api.md, CUR column). */
class CurrentGenerationTest {

    FakeInfisical fake;
    FindingsFixture fx;
    Http http;

    @BeforeEach
    void start() {
        fake = FakeInfisical.builder().generation(Generation.CURRENT)
                .clock(MutableClock.fixed(Instant.parse("2026-06-01T00:00:00Z"))).start();
        fx = new FindingsFixture(fake);
        http = fx.http;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void validationIs422WithReqId() {
        Http.Res r = fx.list(fx.admin(), "recursive", "yes");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("ValidationFailure");
        assertThat(r.json().get("message").isArray()).isTrue();
        assertThat(r.json().get("reqId").asText()).matches("req-[A-Za-z0-9]{14}");
        assertThat(Oct24ServiceTokenTest.fieldNames(r.json())).startsWith("reqId");

        Http.Res login = http.json("POST", "/api/v1/auth/universal-auth/login", null, Map.of("client_id", "x"));
        assertThat(login.status()).isEqualTo(422);
    }

    @Test
    void missingFolderListIs404SecretPathNotFound() {
        Http.Res r = fx.list(fx.admin(), "secretPath", "/does-not-exist");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("SecretPathNotFound");
        assertThat(r.message()).isEqualTo("Folder with path '/does-not-exist' in environment 'dev' was not found. "
                + "Please ensure the environment slug and secret path is correct.");
    }

    @Test
    void importsKeyIsAlwaysPresentAndItemsCarrySecretValueHidden() {
        Http.Res r = fx.list(fx.admin(), "secretPath", "/app");
        assertThat(r.json().get("imports").isArray()).isTrue();
        assertThat(r.json().get("imports")).isEmpty();
        assertThat(r.json().at("/secrets/0/secretValueHidden").asBoolean(true)).isFalse();
        Http.Res one = fx.getOne(fx.admin(), "APP_KEY", "secretPath", "/app");
        assertThat(one.json().at("/secret/secretPath").asText()).isEqualTo("/app");
    }

    @Test
    void duplicateFolderCreateIs400() {
        Http.Res r = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "app", "path", "/"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("Folder with name 'app' already exists in path '/'");
        Http.Res bad = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "dot.name", "path", "/"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/message/0/message").asText())
                .isEqualTo("Invalid folder name. Only alphanumeric characters, dashes, and underscores are allowed.");
        Http.Res slash = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "a/b", "path", "/"));
        assertThat(slash.status()).isEqualTo(422);
    }

    @Test
    void unknownClientIdIsInvalidCredentialsAndThreeFailuresLockOut() {
        Http.Res unknown = http.json("POST", "/api/v1/auth/universal-auth/login", null,
                Map.of("clientId", "not-a-uuid", "clientSecret", "x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.message()).isEqualTo("Invalid credentials");

        Map<String, String> wrong = Map.of("clientId", fx.uaAdmin.clientId(), "clientSecret", "wrong");
        for (int i = 0; i < 3; i++) {
            assertThat(http.json("POST", "/api/v1/auth/universal-auth/login", null, wrong).message())
                    .isEqualTo("Invalid credentials");
        }
        Map<String, String> right = Map.of("clientId", fx.uaAdmin.clientId(), "clientSecret", fx.uaAdmin.clientSecret());
        Http.Res locked = http.json("POST", "/api/v1/auth/universal-auth/login", null, right);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.message()).isEqualTo("This identity auth method is temporarily locked, please try again later");
        fake.clock().advance(Duration.ofSeconds(301));
        assertThat(http.json("POST", "/api/v1/auth/universal-auth/login", null, right).status()).isEqualTo(200);
    }

    @Test
    void outOfScopeReadIsAnEmptyList() {
        Http.Res r = fx.list(fx.stAppGlob.token(), "secretPath", "/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("secrets")).isEmpty();
        Http.Res multi = fx.list(fx.stMulti.token(), "secretPath", "/app");
        assertThat(multi.status()).isEqualTo(200);
        assertThat(multi.json().get("secrets")).isEmpty();
        // get-one keeps its 403
        assertThat(fx.getOne(fx.stAppGlob.token(), "ROOT_KEY", "secretPath", "/").status()).isEqualTo(403);
    }

    @Test
    void singleScopeOverrideIsStillThere() {
        Http.Res r = fx.list(fx.stRoot.token(), "secretPath", "/app");
        assertThat(FindingsFixture.keys(r)).contains("ROOT_KEY@dev:/").doesNotContain("APP_KEY@dev:/app");
    }

    @Test
    void importedSecretsAreFilteredByTheSourcesPermission() {
        Http.Res r = fx.list(fx.stApp.token(), "include_imports", "true");
        assertThat(r.json().at("/imports/0/secrets")).isEmpty(); // staging:/app is outside dev:/app
    }

    @Test
    void renewReturnsANewTokenAndBothWork() {
        String token = fx.admin();
        Http.Res r = http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", token));
        String renewed = r.json().get("accessToken").asText();
        assertThat(renewed).isNotEqualTo(token);
        assertThat(fx.list(renewed, "secretPath", "/").status()).isEqualTo(200);
    }

    @Test
    void patchWithoutSecretValueRenames() {
        Http.Res r = http.json("PATCH", "/api/v3/secrets/raw/APP_KEY", fx.admin(),
                fx.body("secretPath", "/app", "newSecretName", "APP_KEY_2"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(fx.project.secretValue("dev", "/app", "APP_KEY_2")).contains("app-value");
    }

    @Test
    void messagesThatChanged() {
        Http.Res dup = http.json("POST", "/api/v3/secrets/raw/ROOT_KEY", fx.admin(),
                fx.body("secretPath", "/", "secretValue", "x"));
        assertThat(dup.message()).isEqualTo("Secret already exists");
        Http.Res del = http.json("DELETE", "/api/v3/secrets/raw/NOT_THERE", fx.admin(), fx.body("secretPath", "/"));
        assertThat(del.message()).isEqualTo("Secret not found");
        assertThat(del.error()).isEqualTo("NotFound");
        Http.Res colon = http.json("POST", "/api/v3/secrets/raw/" + Http.enc("A:B"), fx.admin(),
                fx.body("secretPath", "/", "secretValue", "x"));
        assertThat(colon.status()).isEqualTo(422);
        assertThat(colon.json().at("/message/0/message").asText()).isEqualTo("Secret name cannot contain colon or forward slash.");
        Http.Res folderDel = http.json("DELETE", "/api/v1/folders/nosuch", fx.admin(), fx.body("path", "/"));
        assertThat(folderDel.message()).isEqualTo("Folder with ID 'nosuch' not found");
    }

    @Test
    void v4RoutesUseProjectIdAndBothImportSpellings() {
        Http.Res list = http.get("/api/v4/secrets?" + Http.q(Http.params("projectId", fx.project.id(), "environment",
                "dev", "secretPath", "/", "includeImports", "true")), fx.admin());
        assertThat(list.status()).isEqualTo(200);
        assertThat(FindingsFixture.imports(list)).containsExactly("staging:/=SHARED/STAGING_KEY");
        Http.Res create = http.json("POST", "/api/v4/secrets/V4_KEY", fx.admin(), Map.of("projectId", fx.project.id(),
                "environment", "dev", "secretPath", "/", "secretValue", "v4"));
        assertThat(create.status()).isEqualTo(200);
        JsonNode one = http.get("/api/v4/secrets/V4_KEY?" + Http.q(Http.params("projectId", fx.project.id(),
                "environment", "dev")), fx.admin()).json();
        assertThat(one.at("/secret/secretValue").asText()).isEqualTo("v4");
    }

    @Test
    void batchPatchModes() {
        Http.Res upsert = http.json("PATCH", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId",
                fx.project.id(), "environment", "dev", "secretPath", "/app", "mode", "upsert", "secrets", List.of(
                        Map.of("secretKey", "APP_KEY", "secretValue", "a"), Map.of("secretKey", "NEW", "secretValue", "n"))));
        assertThat(upsert.status()).isEqualTo(200);
        assertThat(fx.project.secretValue("dev", "/app", "NEW")).contains("n");
        Http.Res fail = http.json("PATCH", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId",
                fx.project.id(), "environment", "dev", "secretPath", "/app", "secrets", List.of(
                        Map.of("secretKey", "NOPE", "secretValue", "x"))));
        assertThat(fail.status()).isEqualTo(404);
        assertThat(fail.message()).isEqualTo("Secret does not exist: NOPE in path /app");
    }

    @Test
    void unreadableReferenceFailsTheWholeList() {
        fx.project.putSecret("dev", "/app", "REF_STAGING", "${staging.STAGING_KEY}");
        Http.Res r = fx.list(fx.stAppGlob.token(), "secretPath", "/app", "expandSecretReferences", "true");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.message()).isEqualTo("Failed to expand one or more secret references");
    }

    @Test
    void rateLimitMessageCountsSeconds() {
        try (FakeInfisical limited = FakeInfisical.builder().generation(Generation.CURRENT).rateLimits(true).start()) {
            FakeProject p = limited.createProject("p");
            ServiceTokenCredentials st = p.createServiceToken("t", List.of(TokenScope.of("dev", "/")),
                    java.util.EnumSet.of(Permission.READ));
            Http h = new Http(limited);
            Http.Res r = null;
            for (int i = 0; i < 61; i++) {
                r = h.get("/api/v3/secrets/raw", st.token());
            }
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.message()).matches("Rate limit exceeded. Please try again in \\d+ seconds");
            assertThat(r.json().has("reqId")).isTrue();
        }
    }
}
