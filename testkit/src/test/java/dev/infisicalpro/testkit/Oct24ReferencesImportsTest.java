package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** real-server-findings.md §5 (references) and the import rules of infisical-api.md §8, OCT24. */
class Oct24ReferencesImportsTest {

    static FakeInfisical fake;
    static FindingsFixture fx;

    @BeforeAll
    static void start() {
        fake = FakeInfisical.start();
        fx = new FindingsFixture(fake);
        FakeProject p = fx.project;
        p.putSecret("dev", "/app", "REF_STAGING", "${staging.STAGING_KEY}|${ROOT_KEY}|${APP_KEY}");
        p.putSecret("dev", "/app/sub", "REF_SELF", "${REF_SELF}");
        p.putSecret("dev", "/app/sub", "REF_BAD_SYNTAX", "${a.b.c.d.e}-${}-$NOTREF-${unterminated");
        p.putSecret("dev", "/app/sub", "HAS SPACE", "space in key");
        p.putSecret("dev", "/app/sub", "T_HAS_SPACE_REF", "v-${HAS SPACE}");
        p.putSecret("dev", "/refs", "R_UNKNOWN_ENV", "${nope.KEY}");
        p.putSecret("dev", "/refs", "R_ENV_ROOT", "${staging.STAGING_KEY}");
        p.putSecret("dev", "/refs", "R_UNKNOWN_PATH", "${dev.nofolder.KEY}");
        p.putSecret("dev", "/refs", "R_NESTED", "${dev.refs.R_ENV_ROOT}-nested");
        p.putSecret("dev", "/refs", "R_DEEP_PATH", "${dev.app.sub.SUB_KEY}");
        p.putSecret("dev", "/refs", "R_SPACE_KEY", "${HAS SPACE}");
        p.putSecret("dev", "/refs", "R_DOTTED_KEY", "${dotted.key}");
        p.putSecret("dev", "/trim", "L1", "l1\nl2");
        p.putSecret("dev", "/trim", "T_REF_ML", "${L1}");
        p.skipMultilineEncoding("dev", "/trim", "T_REF_ML", true);
        p.putSecret("dev", "/trim", "T_ML_SKIP", "l1\nl2");
        p.skipMultilineEncoding("dev", "/trim", "T_ML_SKIP", true);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static Map<String, String> values(Http.Res r) {
        Map<String, String> m = new LinkedHashMap<>();
        r.json().get("secrets").forEach(s -> m.put(s.get("secretKey").asText(), s.get("secretValue").asText()));
        return m;
    }

    @Test
    void expansionOnlyWhenAsked() {
        Map<String, String> raw = values(fx.list(fx.admin(), "secretPath", "/", "expandSecretReferences", "false"));
        assertThat(raw).containsEntry("REF_LOCAL", "${ROOT_KEY}-suffix").containsEntry("REF_CROSS", "x-${dev.app.APP_KEY}-y");
        Map<String, String> def = values(fx.list(fx.admin(), "secretPath", "/"));
        assertThat(def).containsEntry("REF_LOCAL", "${ROOT_KEY}-suffix"); // API default is false

        Map<String, String> exp = values(fx.list(fx.admin(), "secretPath", "/", "expandSecretReferences", "true"));
        assertThat(exp).containsEntry("REF_LOCAL", "root-value-suffix")
                .containsEntry("REF_CROSS", "x-app-value-y")
                .containsEntry("REF_MISSING", "${DOES_NOT_EXIST}");
    }

    @Test
    void rootScopedTokenLeavesUnreadableReferencesLiteral() {
        Map<String, String> v = values(fx.list(fx.stRoot.token(), "secretPath", "/", "expandSecretReferences", "true"));
        assertThat(v).containsEntry("REF_CROSS", "x-${dev.app.APP_KEY}-y").containsEntry("REF_LOCAL", "root-value-suffix");
    }

    @Test
    void getOneExpands() {
        Http.Res r = fx.getOne(fx.admin(), "REF_CROSS", "secretPath", "/", "expandSecretReferences", "true");
        assertThat(r.json().at("/secret/secretValue").asText()).isEqualTo("x-app-value-y");
    }

    @Test
    void expandFlagMustBeTrueOrFalse() {
        Http.Res r = fx.list(fx.admin(), "secretPath", "/", "expandSecretReferences", "1");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/message/0/message").asText())
                .isEqualTo("Invalid enum value. Expected 'true' | 'false', received '1'");
        assertThat(r.json().at("/message/0/path/0").asText()).isEqualTo("expandSecretReferences");
    }

    @Test
    void oneUnreadableReferenceKeepsTheWholeValueRaw() {
        Map<String, String> token = values(fx.list(fx.stAppGlob.token(), "secretPath", "/app", "expandSecretReferences", "true"));
        assertThat(token).containsEntry("REF_STAGING", "${staging.STAGING_KEY}|${ROOT_KEY}|${APP_KEY}");
        Map<String, String> admin = values(fx.list(fx.admin(), "secretPath", "/app", "expandSecretReferences", "true"));
        assertThat(admin).containsEntry("REF_STAGING", "staging-value|${ROOT_KEY}|app-value");
    }

    @Test
    void selfReferenceAndOddSyntaxStayLiteralOnList() {
        Map<String, String> v = values(fx.list(fx.admin(), "secretPath", "/app/sub", "expandSecretReferences", "true"));
        assertThat(v).containsEntry("REF_SELF", "${REF_SELF}")
                .containsEntry("REF_BAD_SYNTAX", "${a.b.c.d.e}-${}-$NOTREF-${unterminated")
                .containsEntry("T_HAS_SPACE_REF", "v-space in key");
    }

    @Test
    void listOfRefsFolder() {
        Map<String, String> v = values(fx.list(fx.admin(), "secretPath", "/refs", "expandSecretReferences", "true"));
        assertThat(v).containsExactlyInAnyOrderEntriesOf(Map.of(
                "R_UNKNOWN_ENV", "${nope.KEY}",
                "R_ENV_ROOT", "staging-value",
                "R_UNKNOWN_PATH", "${dev.nofolder.KEY}",
                "R_NESTED", "staging-value-nested",
                "R_DEEP_PATH", "sub-value",
                "R_SPACE_KEY", "${HAS SPACE}",
                "R_DOTTED_KEY", "${dotted.key}"));
    }

    @ParameterizedTest(name = "get-one {0} is a 500")
    @ValueSource(strings = {"R_UNKNOWN_ENV", "R_UNKNOWN_PATH", "R_DOTTED_KEY"})
    void getOneReferenceToUnknownEnvOrFolderIs500(String key) {
        Http.Res r = fx.getOne(fx.admin(), key, "secretPath", "/refs", "expandSecretReferences", "true");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("{\"statusCode\":500,\"message\":\"Something went wrong\",\"error\":\"InternalServerError\"}");
    }

    @Test
    void getOneDeepAndNested() {
        assertThat(fx.getOne(fx.admin(), "R_DEEP_PATH", "secretPath", "/refs", "expandSecretReferences", "true")
                .json().at("/secret/secretValue").asText()).isEqualTo("sub-value");
        assertThat(fx.getOne(fx.admin(), "R_NESTED", "secretPath", "/refs", "expandSecretReferences", "true")
                .json().at("/secret/secretValue").asText()).isEqualTo("staging-value-nested");
        assertThat(fx.getOne(fx.admin(), "T_HAS_SPACE_REF", "secretPath", "/app/sub", "expandSecretReferences", "true")
                .json().at("/secret/secretValue").asText()).isEqualTo("v-space in key");
    }

    @Test
    void skipMultilineEncodingQuotesOnlyExpandedValues() {
        Map<String, String> v = values(fx.list(fx.admin(), "secretPath", "/trim", "expandSecretReferences", "true"));
        assertThat(v).containsEntry("T_REF_ML", "\"l1\\nl2\"").containsEntry("T_ML_SKIP", "l1\nl2");
    }

    @Test
    void referenceDepthIsLimitedToTen() {
        FakeProject p = fake.createProject("chain");
        for (int i = 0; i < 12; i++) {
            p.putSecret("dev", "/", "C" + i, "${C" + (i + 1) + "}");
        }
        p.putSecret("dev", "/", "C12", "end");
        String token = fx.http.login(p.createUniversalAuthIdentity("a", Role.ADMIN, java.time.Duration.ofHours(1),
                java.time.Duration.ofHours(2)));
        Http.Res r = fx.http.get("/api/v3/secrets/raw/C0?" + Http.q(Http.params("workspaceId", p.id(), "environment",
                "dev", "expandSecretReferences", "true")), token);
        assertThat(r.json().at("/secret/secretValue").asText()).startsWith("${C");
        Http.Res c2 = fx.http.get("/api/v3/secrets/raw/C2?" + Http.q(Http.params("workspaceId", p.id(), "environment",
                "dev", "expandSecretReferences", "true")), token);
        assertThat(c2.json().at("/secret/secretValue").asText()).isEqualTo("end");
    }

    // ------------------------------------------------------------------ imports

    @Test
    void importBlocksAreInPositionOrderNeverMergedAndCarryEmptyWorkspace() {
        FakeProject p = fake.createProject("imports");
        p.putSecret("dev", "/", "LOCAL", "local");
        p.putSecret("dev", "/", "K", "local-k");
        p.putSecret("staging", "/", "K", "staging-k");
        p.putSecret("prod", "/", "K", "prod-k");
        p.putSecret("prod", "/", "P_ONLY", "p");
        p.addImport("dev", "/", "staging", "/");
        p.addImport("dev", "/", "prod", "/");
        p.addImport("dev", "/", "prod", "/missing"); // a missing source is skipped
        String token = fx.http.login(p.createUniversalAuthIdentity("a", Role.ADMIN, java.time.Duration.ofHours(1),
                java.time.Duration.ofHours(2)));
        Http.Res r = fx.http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", p.id(), "environment",
                "dev", "include_imports", "true")), token);
        assertThat(values(r)).containsOnlyKeys("LOCAL", "K").containsEntry("K", "local-k");
        JsonNode imports = r.json().get("imports");
        assertThat(imports).hasSize(2);
        assertThat(imports.get(0).get("environment").asText()).isEqualTo("staging");
        assertThat(imports.get(1).get("environment").asText()).isEqualTo("prod");
        JsonNode item = imports.get(0).get("secrets").get(0);
        assertThat(item.get("workspace").asText()).isEmpty();
        assertThat(item.get("environment").asText()).isEqualTo("staging");
        assertThat(item.has("createdAt")).isFalse();
        assertThat(imports.get(0).get("folderId").asText()).isNotEmpty();

        // get-one searches imports last to first: the last import wins
        Http.Res pOnly = fx.http.get("/api/v3/secrets/raw/P_ONLY?" + Http.q(Http.params("workspaceId", p.id(),
                "environment", "dev", "include_imports", "true")), token);
        assertThat(pOnly.json().at("/secret/environment").asText()).isEqualTo("prod");
        p.deleteSecret("dev", "/", "K");
        Http.Res k = fx.http.get("/api/v3/secrets/raw/K?" + Http.q(Http.params("workspaceId", p.id(),
                "environment", "dev", "include_imports", "true")), token);
        assertThat(k.json().at("/secret/secretValue").asText()).isEqualTo("prod-k");
    }

    @Test
    void nestedImportsAreAppendedAndDeduplicatedFirstWins() {
        FakeProject p = fake.createProject("nested-imports");
        p.putSecret("staging", "/", "A", "staging-a");
        p.putSecret("prod", "/", "A", "prod-a");
        p.putSecret("prod", "/", "B", "prod-b");
        p.addImport("staging", "/", "prod", "/");
        p.addImport("dev", "/", "staging", "/");
        String token = fx.http.login(p.createUniversalAuthIdentity("a", Role.ADMIN, java.time.Duration.ofHours(1),
                java.time.Duration.ofHours(2)));
        Http.Res r = fx.http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", p.id(), "environment",
                "dev", "include_imports", "true")), token);
        JsonNode block = r.json().at("/imports/0/secrets");
        assertThat(block).hasSize(2);
        assertThat(block.get(0).get("secretValue").asText()).isEqualTo("staging-a");
        assertThat(block.get(1).get("secretValue").asText()).isEqualTo("prod-b");
    }

    @Test
    void importsAreVisibleToTokensWhoseScopeDoesNotCoverTheSource() {
        Http.Res r = fx.list(fx.stApp.token(), "include_imports", "true");
        assertThat(FindingsFixture.imports(r)).containsExactly("staging:/app=STAGING_APP_KEY");
    }

    @Test
    void importsCanBeCreatedOverHttpAndCyclesAreRefused() {
        FakeProject p = fake.createProject("http-imports");
        p.createFolder("dev", "/a");
        p.putSecret("prod", "/", "X", "x");
        String token = fx.http.login(p.createUniversalAuthIdentity("a", Role.ADMIN, java.time.Duration.ofHours(1),
                java.time.Duration.ofHours(2)));
        Http.Res created = fx.http.json("POST", "/api/v1/secret-imports", token, Map.of("workspaceId", p.id(),
                "environment", "dev", "path", "/a", "import", Map.of("environment", "prod", "path", "/")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.message()).isEqualTo("Successfully created secret import");
        assertThat(created.json().at("/secretImport/importEnv/slug").asText()).isEqualTo("prod");
        Http.Res cyclic = fx.http.json("POST", "/api/v1/secret-imports", token, Map.of("workspaceId", p.id(),
                "environment", "prod", "path", "/", "import", Map.of("environment", "dev", "path", "/a")));
        assertThat(cyclic.status()).isEqualTo(400);
        assertThat(cyclic.message()).isEqualTo("Cyclic import not allowed");
        Http.Res list = fx.http.get("/api/v1/secret-imports?" + Http.q(Http.params("workspaceId", p.id(),
                "environment", "dev", "path", "/a")), token);
        assertThat(list.json().get("secretImports")).hasSize(1);
        Http.Res secrets = fx.http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", p.id(),
                "environment", "dev", "secretPath", "/a", "include_imports", "true")), token);
        assertThat(FindingsFixture.imports(secrets)).containsExactly("prod:/=X");
        List<String> none = FindingsFixture.imports(fx.http.get("/api/v3/secrets/raw?" + Http.q(Http.params(
                "workspaceId", p.id(), "environment", "dev", "secretPath", "/a")), token));
        assertThat(none).isEmpty();
    }
}
