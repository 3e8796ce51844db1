package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** real-server-findings.md §1: service tokens against the v3 raw list and get-one, OCT24. */
class Oct24ServiceTokenTest {

    static FakeInfisical fake;
    static FindingsFixture fx;

    @BeforeAll
    static void start() {
        fake = FakeInfisical.start();
        fx = new FindingsFixture(fake);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static final String ROOT5 =
            "REF_CROSS@dev:/, REF_LOCAL@dev:/, REF_MISSING@dev:/, ROOT_KEY@dev:/, SHARED@dev:/";
    private static final String APP2 = "APP_KEY@dev:/app, SHARED@dev:/app";
    private static final String DENIED = "You are not allowed to read on secrets";
    private static final String MISSING = "Missing workspace id or environment";

    /** The §1.1 matrix, row for row: token | request | status | result [; imports: …]. */
    private static final String MATRIX = """
            ST_root | secretPath=/ | 200 | ROOT5
            ST_root | secretPath=/app | 200 | ROOT5
            ST_root | secretPath=/app/sub | 200 | ROOT5
            ST_root | environment=staging secretPath=/ | 200 | ROOT5
            ST_root | secretPath=/ include_imports=true | 200 | ROOT5 ; imports: staging:/=SHARED/STAGING_KEY
            ST_root | secretPath=/app include_imports=true | 200 | ROOT5 ; imports: staging:/=SHARED/STAGING_KEY
            ST_root | secretPath=/ recursive=true | 200 | ROOT5
            ST_root | secretPath=/app recursive=true | 200 | ROOT5
            ST_root | - | 200 | ROOT5
            ST_root | secretPath=/does-not-exist | 200 | ROOT5
            ST_glob | secretPath=/ | 200 | ROOT5
            ST_glob | secretPath=/app | 200 | APP2
            ST_glob | secretPath=/app/sub | 200 | SUB_KEY@dev:/app/sub
            ST_glob | environment=staging secretPath=/ | 403 | DENIED
            ST_glob | secretPath=/ include_imports=true | 200 | ROOT5 ; imports: staging:/=SHARED/STAGING_KEY
            ST_glob | secretPath=/app include_imports=true | 200 | APP2 ; imports: staging:/app=STAGING_APP_KEY
            ST_glob | secretPath=/ recursive=true | 200 | APP_KEY@dev:/app, REF_CROSS@dev:/, REF_LOCAL@dev:/, REF_MISSING@dev:/, ROOT_KEY@dev:/, SHARED@dev:/, SHARED@dev:/app, SUB_KEY@dev:/app/sub
            ST_glob | secretPath=/app recursive=true | 200 | APP_KEY@dev:/app, SHARED@dev:/app, SUB_KEY@dev:/app/sub
            ST_glob | - | 400 | MISSING
            ST_glob | secretPath=/does-not-exist | 200 | (none)
            ST_appGlob | secretPath=/ | 403 | DENIED
            ST_appGlob | secretPath=/app | 200 | APP2
            ST_appGlob | secretPath=/app/sub | 200 | SUB_KEY@dev:/app/sub
            ST_appGlob | environment=staging secretPath=/ | 403 | DENIED
            ST_appGlob | secretPath=/ include_imports=true | 403 | DENIED
            ST_appGlob | secretPath=/app include_imports=true | 200 | APP2 ; imports: staging:/app=STAGING_APP_KEY
            ST_appGlob | secretPath=/ recursive=true | 200 | APP_KEY@dev:/app, SHARED@dev:/app, SUB_KEY@dev:/app/sub
            ST_appGlob | secretPath=/app recursive=true | 200 | APP_KEY@dev:/app, SHARED@dev:/app, SUB_KEY@dev:/app/sub
            ST_appGlob | - | 400 | MISSING
            ST_appGlob | secretPath=/does-not-exist | 403 | DENIED
            ST_app | secretPath=/ | 200 | APP2
            ST_app | secretPath=/app | 200 | APP2
            ST_app | secretPath=/app/sub | 200 | APP2
            ST_app | environment=staging secretPath=/ | 200 | APP2
            ST_app | secretPath=/ include_imports=true | 200 | APP2 ; imports: staging:/app=STAGING_APP_KEY
            ST_app | secretPath=/app include_imports=true | 200 | APP2 ; imports: staging:/app=STAGING_APP_KEY
            ST_app | secretPath=/ recursive=true | 200 | APP2
            ST_app | secretPath=/app recursive=true | 200 | APP2
            ST_app | - | 200 | APP2
            ST_app | secretPath=/does-not-exist | 200 | APP2
            ST_multi | secretPath=/ | 200 | ROOT5
            ST_multi | secretPath=/app | 403 | DENIED
            ST_multi | secretPath=/app/sub | 403 | DENIED
            ST_multi | environment=staging secretPath=/ | 200 | SHARED@staging:/, STAGING_KEY@staging:/
            ST_multi | secretPath=/ include_imports=true | 200 | ROOT5 ; imports: staging:/=SHARED/STAGING_KEY
            ST_multi | secretPath=/app include_imports=true | 403 | DENIED
            ST_multi | secretPath=/ recursive=true | 200 | ROOT5
            ST_multi | secretPath=/app recursive=true | 200 | (none)
            ST_multi | - | 400 | MISSING
            ST_multi | secretPath=/does-not-exist | 403 | DENIED
            """;

    static Stream<Arguments> matrix() {
        return MATRIX.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> {
            String[] c = l.split("\\s*\\|\\s*");
            return Arguments.of(c[0], c[1], Integer.parseInt(c[2]), c[3]);
        });
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void listMatrix(String token, String request, int status, String expected) {
        Http.Res r;
        if (request.equals("-")) {
            r = fx.http.get("/api/v3/secrets/raw?", fx.token(token).token()); // no query parameters at all
        } else {
            List<String> kv = new ArrayList<>();
            for (String p : request.split(" ")) {
                kv.addAll(Arrays.asList(p.split("=", 2)));
            }
            r = fx.list(fx.token(token).token(), kv.toArray(String[]::new));
        }
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        if (status != 200) {
            String msg = Map.of("DENIED", DENIED, "MISSING", MISSING).get(expected);
            assertThat(r.message()).isEqualTo(msg);
            assertThat(r.error()).isEqualTo(status == 403 ? "PermissionDenied" : "BadRequest");
            assertThat(r.json().size()).isEqualTo(3); // statusCode, message, error — no reqId on OCT24
            return;
        }
        String[] parts = expected.split(" ; imports: ");
        String keys = parts[0].replace("ROOT5", ROOT5).replace("APP2", APP2);
        assertThat(FindingsFixture.keys(r)).isEqualTo(keys.equals("(none)") ? List.of() : List.of(keys.split(", ")));
        if (parts.length > 1) {
            assertThat(FindingsFixture.imports(r)).containsExactly(parts[1]);
        } else if (request.contains("does-not-exist") && keys.equals("(none)")) {
            assertThat(r.text()).isEqualTo("{\"secrets\":[],\"imports\":[]}");
        } else {
            assertThat(r.json().has("imports")).as("imports key only with include_imports").isFalse();
        }
    }

    @Test
    void singleScopeTokenAnswersTheSameBodyAndEtagWhateverPathIsAsked() {
        Http.Res root = fx.list(fx.stRoot.token(), "secretPath", "/");
        Http.Res app = fx.list(fx.stRoot.token(), "secretPath", "/app");
        Http.Res sub = fx.list(fx.stRoot.token(), "secretPath", "/app/sub");
        assertThat(app.text()).isEqualTo(root.text());
        assertThat(app.header("etag")).isEqualTo(root.header("etag")).isEqualTo(sub.header("etag"));
    }

    @Test
    void singleScopeTokenIgnoresAnotherProjectsId() {
        Http.Res r = fx.http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project2.id(),
                "environment", "dev", "secretPath", "/")), fx.stRoot.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(FindingsFixture.keys(r)).contains("ROOT_KEY@dev:/").doesNotContain("OTHER@dev:/");
    }

    @Test
    void getOneFollowsTheOverride() {
        Http.Res appKey = fx.getOne(fx.stRoot.token(), "APP_KEY", "secretPath", "/app");
        assertThat(appKey.status()).isEqualTo(404);
        assertThat(appKey.message()).isEqualTo("Secret with name 'APP_KEY' not found");
        assertThat(appKey.error()).isEqualTo("NotFound");

        Http.Res rootKey = fx.getOne(fx.stRoot.token(), "ROOT_KEY", "secretPath", "/app");
        assertThat(rootKey.status()).isEqualTo(200);
        JsonNode s = rootKey.json().get("secret");
        assertThat(s.get("secretValue").asText()).isEqualTo("root-value");
        assertThat(s.get("secretComment").asText()).isEqualTo("a root secret");
        assertThat(fieldNames(s)).containsExactly("id", "_id", "workspace", "environment", "version", "type",
                "secretKey", "secretValue", "secretComment", "secretReminderNote", "secretReminderRepeatDays",
                "skipMultilineEncoding", "metadata", "createdAt", "updatedAt", "tags");

        Http.Res noParams = fx.http.get("/api/v3/secrets/raw/ROOT_KEY", fx.stRoot.token());
        assertThat(noParams.status()).isEqualTo(200);
        assertThat(noParams.json().at("/secret/secretValue").asText()).isEqualTo("root-value");
    }

    @Test
    void importedKeyNeedsIncludeImportsOnGetOne() {
        Http.Res without = fx.getOne(fx.stRoot.token(), "STAGING_KEY", "secretPath", "/");
        assertThat(without.status()).isEqualTo(404);
        assertThat(without.message()).isEqualTo("Secret with name 'STAGING_KEY' not found");

        Http.Res with = fx.getOne(fx.stRoot.token(), "STAGING_KEY", "secretPath", "/", "include_imports", "true");
        assertThat(with.status()).isEqualTo(200);
        JsonNode s = with.json().get("secret");
        assertThat(s.get("environment").asText()).isEqualTo("staging");
        assertThat(s.get("workspace").asText()).isEqualTo(fx.project.id());
        assertThat(s.has("tags")).isFalse();
        assertThat(s.has("secretPath")).isFalse();
    }

    @Test
    void writesAreNotRedirected() {
        Http.Res r = fx.http.json("POST", "/api/v3/secrets/raw/ST_WRITE_APP", fx.stRoot.token(),
                fx.body("secretPath", "/app", "secretValue", "v", "type", "shared"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.message()).isEqualTo("You are not allowed to create on secrets");
        assertThat(r.error()).isEqualTo("PermissionDenied");

        Http.Res ro = fx.http.json("POST", "/api/v3/secrets/raw/ST_RO_WRITE", fx.stReadOnlyRoot.token(),
                fx.body("secretPath", "/", "secretValue", "v", "type", "shared"));
        assertThat(ro.status()).isEqualTo(403);
        assertThat(ro.message()).isEqualTo("You are not allowed to create on secrets");

        Http.Res appGlob = fx.http.json("POST", "/api/v3/secrets/raw/ST_APPGLOB_WRITE", fx.stAppGlob.token(),
                fx.body("secretPath", "/", "secretValue", "v", "type", "shared"));
        assertThat(appGlob.status()).isEqualTo(403);
        assertThat(fx.project.secretValue("dev", "/", "ST_APPGLOB_WRITE")).isEmpty();
    }

    @Test
    void globTokenGetOneWithoutParametersIsMissingEnvironment() {
        Http.Res r = fx.http.get("/api/v3/secrets/raw/ROOT_KEY", fx.stGlob.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("Missing environment");
        assertThat(r.error()).isEqualTo("BadRequest");
    }

    @Test
    void tokenOfAnotherProjectHasTheSpecificTextInError() {
        Http.Res r = fx.http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project2.id(),
                "environment", "dev", "secretPath", "/")), fx.stGlob.token());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.message()).isEqualTo("You are not allowed to access this resource");
        assertThat(r.error()).isEqualTo("Service token not a part of the specified project with ID " + fx.project2.id());
    }

    @Test
    void rootTokenListsFoldersAndImportsOfRoot() {
        Http.Res folders = fx.http.get("/api/v1/folders?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "dev", "path", "/")), fx.stRoot.token());
        assertThat(folders.status()).isEqualTo(200);
        JsonNode f = folders.json().get("folders");
        assertThat(f).hasSize(1);
        assertThat(fieldNames(f.get(0))).containsExactly("id", "name", "version", "createdAt", "updatedAt", "envId",
                "parentId", "isReserved");
        assertThat(f.get(0).get("name").asText()).isEqualTo("app");

        Http.Res imports = fx.http.get("/api/v1/secret-imports?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "dev", "path", "/")), fx.stRoot.token());
        assertThat(imports.status()).isEqualTo(200);
        assertThat(imports.message()).isEqualTo("Successfully fetched secret imports");
        JsonNode i = imports.json().get("secretImports").get(0);
        assertThat(fieldNames(i)).containsExactly("id", "version", "importPath", "position", "createdAt", "updatedAt",
                "folderId", "isReplication", "isReplicationSuccess", "replicationStatus", "lastReplicated",
                "isReserved", "importEnv");
        assertThat(i.get("importPath").asText()).isEqualTo("/");
        assertThat(i.get("position").asInt()).isEqualTo(1);
        assertThat(i.get("importEnv").toString()).contains("\"name\":\"Staging\"", "\"slug\":\"staging\"");
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
