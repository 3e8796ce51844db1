package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.infisicalpro.testkit.Oct24ServiceTokenTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/** real-server-findings.md §1.6 (identity listings) and §4 (CRUD, folders, missing paths, batch), OCT24. */
class Oct24SecretsTest {

    FakeInfisical fake;
    FindingsFixture fx;
    Http http;

    @BeforeEach
    void start() {
        fake = FakeInfisical.start();
        fx = new FindingsFixture(fake);
        http = fx.http;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    // ------------------------------------------------------------------ §1.6

    @Test
    void identityListsByIdOrSlug() {
        Http.Res app = fx.list(fx.admin(), "secretPath", "/app");
        assertThat(FindingsFixture.keys(app)).containsExactly("APP_KEY@dev:/app", "SHARED@dev:/app");

        Http.Res bySlug = http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceSlug", "java-client-test",
                "environment", "dev", "secretPath", "/")), fx.admin());
        assertThat(bySlug.status()).isEqualTo(200);
        assertThat(FindingsFixture.keys(bySlug)).contains("ROOT_KEY@dev:/");

        Http.Res none = http.get("/api/v3/secrets/raw?environment=dev&secretPath=%2F", fx.admin());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.message()).isEqualTo("Missing workspace id or environment");
    }

    @Test
    void identityRecursiveWithImportsListsImportsOfEveryFolderWalked() {
        Http.Res r = fx.list(fx.admin(), "secretPath", "/", "recursive", "true", "include_imports", "true");
        assertThat(FindingsFixture.keys(r)).contains("ROOT_KEY@dev:/", "APP_KEY@dev:/app", "SUB_KEY@dev:/app/sub");
        assertThat(FindingsFixture.imports(r)).containsExactlyInAnyOrder(
                "staging:/=SHARED/STAGING_KEY", "staging:/app=STAGING_APP_KEY");
    }

    @ParameterizedTest(name = "secretPath={0} -> {1}")
    @CsvSource({
            "app, EMPTY",            // no leading slash is added
            "/app/, APP",            // one trailing slash is removed
            "/APP, EMPTY",           // case-sensitive
            "/app//, EMPTY",         // only one slash is removed: "/app/" does not exist
    })
    void secretPathNormalisation(String path, String expected) {
        Http.Res r = fx.list(fx.admin(), "secretPath", path);
        assertThat(r.status()).isEqualTo(200);
        if (expected.equals("APP")) {
            assertThat(FindingsFixture.keys(r)).containsExactly("APP_KEY@dev:/app", "SHARED@dev:/app");
        } else {
            assertThat(r.text()).isEqualTo("{\"secrets\":[],\"imports\":[]}");
        }
    }

    @Test
    void unknownEnvironmentIsEmptyButRecursiveIs404() {
        Http.Res flat = http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "nope", "secretPath", "/")), fx.admin());
        assertThat(flat.status()).isEqualTo(200);
        assertThat(flat.text()).isEqualTo("{\"secrets\":[],\"imports\":[]}");

        Http.Res rec = http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "nope", "secretPath", "/", "recursive", "true")), fx.admin());
        assertThat(rec.status()).isEqualTo(404);
        assertThat(rec.message()).isEqualTo("Environment with slug 'nope' in project with ID " + fx.project.id() + " not found");
        assertThat(rec.error()).isEqualTo("NotFound");
    }

    @Test
    void unknownAndForeignProjects() {
        Http.Res zero = http.get("/api/v3/secrets/raw?workspaceId=00000000-0000-0000-0000-000000000000&environment=dev&secretPath=%2F",
                fx.admin());
        assertThat(zero.status()).isEqualTo(404);
        assertThat(zero.message()).isEqualTo("Project with ID '00000000-0000-0000-0000-000000000000' not found during "
                + "bot lookup. Are you sure you are using the correct project ID?");

        Http.Res other = http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project2.id(),
                "environment", "dev", "secretPath", "/")), fx.admin());
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.message()).isEqualTo("You are not allowed to access this resource");
        assertThat(other.error()).isEqualTo("Identity is not a member of the specified project with ID '"
                + fx.project2.id() + "'");
    }

    @Test
    void booleanQueryParametersMustBeTrueOrFalse() {
        Http.Res r = fx.list(fx.admin(), "secretPath", "/", "recursive", "yes");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("ValidationFailure");
        assertThat(r.json().get("message").toString()).isEqualTo("[{\"received\":\"yes\",\"code\":\"invalid_enum_value\","
                + "\"options\":[\"true\",\"false\"],\"path\":[\"recursive\"],"
                + "\"message\":\"Invalid enum value. Expected 'true' | 'false', received 'yes'\"}]");
    }

    // ------------------------------------------------------------------ §4.1 shapes

    @Test
    void getUpdateDeleteShapes() {
        Http.Res get = fx.getOne(fx.stGlob.token(), "APP_KEY", "secretPath", "/app");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().at("/secret/tags").isArray()).isTrue();
        assertThat(get.json().get("secret").has("secretPath")).isFalse();

        Http.Res patch = http.json("PATCH", "/api/v3/secrets/raw/SHARED", fx.admin(),
                fx.body("secretPath", "/", "secretValue", "from-root-v2", "type", "shared"));
        assertThat(patch.status()).isEqualTo(200);
        JsonNode s = patch.json().get("secret");
        assertThat(fieldNames(s)).containsExactly("id", "_id", "workspace", "environment", "version", "type",
                "secretKey", "secretValue", "secretComment", "secretReminderNote", "secretReminderRepeatDays",
                "skipMultilineEncoding", "metadata", "createdAt", "updatedAt");
        assertThat(s.get("version").asInt()).isEqualTo(2);
        assertThat(s.get("secretValue").asText()).isEqualTo("from-root-v2");

        http.json("POST", "/api/v3/secrets/raw/EMPTY_VALUE", fx.admin(), fx.body("secretPath", "/", "secretValue", ""));
        Http.Res del = http.json("DELETE", "/api/v3/secrets/raw/EMPTY_VALUE", fx.admin(),
                fx.body("secretPath", "/", "type", "shared"));
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json().at("/secret/secretKey").asText()).isEqualTo("EMPTY_VALUE");
        assertThat(del.json().at("/secret/secretValue").asText()).isEmpty();
        assertThat(fx.project.secretValue("dev", "/", "EMPTY_VALUE")).isEmpty();
    }

    @Test
    void updateBumpsVersionAndUpdatedAtAndRenameKeepsId() throws InterruptedException {
        JsonNode before = fx.getOne(fx.admin(), "ROOT_KEY", "secretPath", "/").json().get("secret");
        fake.clock().advance(java.time.Duration.ofSeconds(5));
        Http.Res r = http.json("PATCH", "/api/v3/secrets/raw/ROOT_KEY", fx.admin(),
                fx.body("secretPath", "/", "secretValue", "v2", "newSecretName", "ROOT_RENAMED"));
        JsonNode after = r.json().get("secret");
        assertThat(after.get("id").asText()).isEqualTo(before.get("id").asText());
        assertThat(after.get("secretKey").asText()).isEqualTo("ROOT_RENAMED");
        assertThat(after.get("version").asInt()).isEqualTo(before.get("version").asInt() + 1);
        assertThat(after.get("updatedAt").asText()).isNotEqualTo(before.get("updatedAt").asText());
        assertThat(after.get("createdAt").asText()).isEqualTo(before.get("createdAt").asText());
        assertThat(fx.getOne(fx.admin(), "ROOT_KEY", "secretPath", "/").status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ §4.2 missing folder paths

    @ParameterizedTest(name = "{0} -> error {1}")
    @CsvSource({"POST, CreateSecret", "PATCH, UpdateSecret", "DELETE, DeleteSecret", "GET, GetSecretByName"})
    void missingFolderNamesTheOperation(String method, String operation) {
        Http.Res r;
        if (method.equals("GET")) {
            r = fx.getOne(fx.admin(), "NOPE_KEY", "secretPath", "/no/such/folder");
        } else {
            Map<String, Object> body = fx.body("secretPath", "/no/such/folder", "type", "shared");
            if (!method.equals("DELETE")) {
                body.put("secretValue", "v");
            }
            r = http.json(method, "/api/v3/secrets/raw/NOPE_KEY", fx.admin(), body);
        }
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.message()).isEqualTo("Folder with path '/no/such/folder' in environment with slug 'dev' not found");
        assertThat(r.error()).isEqualTo(operation);
        assertThat(fx.project.folderExists("dev", "/no")).isFalse(); // creating a secret never creates folders
    }

    // ------------------------------------------------------------------ §4.3 folders

    @Test
    void folderCreateMakesParentsAndIsIdempotent() {
        Http.Res r = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "child", "path", "/missing-parent"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode f = r.json().get("folder");
        assertThat(fieldNames(f)).containsExactly("id", "name", "version", "createdAt", "updatedAt", "envId",
                "parentId", "isReserved");
        assertThat(f.get("name").asText()).isEqualTo("child");
        assertThat(fx.project.folderExists("dev", "/missing-parent/child")).isTrue();

        Http.Res list = http.get("/api/v1/folders?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "dev", "path", "/")), fx.admin());
        List<String> names = new java.util.ArrayList<>();
        list.json().get("folders").forEach(x -> names.add(x.get("name").asText()));
        assertThat(names).containsExactly("app", "missing-parent"); // direct children, by name

        JsonNode app1 = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "app", "path", "/")).json();
        JsonNode app2 = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "app", "path", "/")).json();
        assertThat(app2.get("folder").get("id")).isEqualTo(app1.get("folder").get("id"));
        assertThat(app2.at("/folder/version").asInt()).isEqualTo(1);
    }

    @Test
    void folderListOfMissingPathIsEmptyAndDirectoryIsIgnored() {
        Http.Res missing = http.get("/api/v1/folders?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "dev", "path", "/nope")), fx.admin());
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.text()).isEqualTo("{\"folders\":[]}");

        Http.Res dir = http.get("/api/v1/folders?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "dev", "directory", "/app")), fx.admin());
        assertThat(dir.json().at("/folders/0/name").asText()).isEqualTo("app"); // still the root's children

        Http.Res env = http.get("/api/v1/folders?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "nope", "path", "/")), fx.admin());
        assertThat(env.status()).isEqualTo(404);
        assertThat(env.message()).isEqualTo("Environment with slug 'nope' not found");
    }

    @Test
    void folderDeleteIsRecursiveAndMissingIsA404() {
        fx.project.createFolder("dev", "/tobedeleted/inner");
        fx.project.putSecret("dev", "/tobedeleted", "GONE", "x");
        Http.Res del = http.json("DELETE", "/api/v1/folders/tobedeleted", fx.admin(), fx.body("path", "/"));
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json().at("/folder/name").asText()).isEqualTo("tobedeleted");
        assertThat(fx.list(fx.admin(), "secretPath", "/tobedeleted").text()).isEqualTo("{\"secrets\":[],\"imports\":[]}");

        Http.Res missing = http.json("DELETE", "/api/v1/folders/nosuchfolder", fx.admin(), fx.body("path", "/"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("Failed to delete folder with ID 'nosuchfolder', not found");
        assertThat(missing.error()).isEqualTo("NotFound");
    }

    @Test
    void folderRenameById() {
        String id = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "old", "path", "/")).json()
                .at("/folder/id").asText();
        Http.Res r = http.json("PATCH", "/api/v1/folders/" + id, fx.admin(), fx.body("name", "new", "path", "/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/folder/name").asText()).isEqualTo("new");
        assertThat(r.json().at("/folder/id").asText()).isEqualTo(id);
        assertThat(fx.project.folders("dev", "/")).contains("new").doesNotContain("old");
        Http.Res clash = http.json("PATCH", "/api/v1/folders/" + id, fx.admin(), fx.body("name", "app", "path", "/"));
        assertThat(clash.status()).isEqualTo(400);
        assertThat(clash.message()).isEqualTo("Folder with specified name already exists");
    }

    @Test
    void folderById() {
        String id = http.json("POST", "/api/v1/folders", fx.admin(), fx.body("name", "byid", "path", "/app")).json()
                .at("/folder/id").asText();
        Http.Res r = http.get("/api/v1/folders/" + id, fx.admin());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/folder/path").asText()).isEqualTo("/app/byid");
        assertThat(r.json().at("/folder/environment/envSlug").asText()).isEqualTo("dev");
        assertThat(r.json().at("/folder/projectId").asText()).isEqualTo(fx.project.id());
        Http.Res missing = http.get("/api/v1/folders/00000000-0000-0000-0000-000000000000", fx.admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("Folder with ID '00000000-0000-0000-0000-000000000000' not found");
    }

    @ParameterizedTest(name = "folder name [{0}] accepted")
    @ValueSource(strings = {"dash-name", "under_score", "UPPER", "a/b"})
    void acceptedFolderNames(String name) {
        Http.Res r = http.json("POST", "/api/v1/folders", fx.admin(),
                Map.of("workspaceId", fx.project.id(), "environment", "prod", "name", name, "path", "/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/folder/name").asText()).isEqualTo(name);
    }

    @Test
    void longFolderNamesAreAccepted() {
        for (int n : new int[]{64, 65}) {
            assertThat(http.json("POST", "/api/v1/folders", fx.admin(), Map.of("workspaceId", fx.project.id(),
                    "environment", "prod", "name", "x".repeat(n), "path", "/")).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "folder name [{0}] is a 500")
    @ValueSource(strings = {"dot.name", "has space", "ünï"})
    void rejectedFolderNamesAre500AndNotCreated(String name) {
        Http.Res r = http.json("POST", "/api/v1/folders", fx.admin(),
                Map.of("workspaceId", fx.project.id(), "environment", "prod", "name", name, "path", "/"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("{\"statusCode\":500,\"message\":\"Something went wrong\",\"error\":\"Find by secret path\"}");
        assertThat(fx.project.folders("prod", "/")).isEmpty();

        Http.Res list = http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project.id(),
                "environment", "prod", "secretPath", "/" + name)), fx.admin());
        assertThat(list.status()).isEqualTo(500);
        assertThat(list.error()).isEqualTo("Find by secret path");
    }

    @Test
    void emptyFolderNameAnswersTheRootFolder() {
        Http.Res r = http.json("POST", "/api/v1/folders", fx.admin(),
                Map.of("workspaceId", fx.project.id(), "environment", "prod", "name", "", "path", "/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/folder/name").asText()).isEqualTo("root");
        assertThat(fx.project.folders("prod", "/")).isEmpty();
    }

    // ------------------------------------------------------------------ §4.4 other errors

    @Test
    void crudErrors() {
        Http.Res dup = http.json("POST", "/api/v3/secrets/raw/ROOT_KEY", fx.admin(),
                fx.body("secretPath", "/", "secretValue", "dup", "type", "shared"));
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.message()).isEqualTo("Secret already exist");
        assertThat(dup.error()).isEqualTo("BadRequest");

        Http.Res patch = http.json("PATCH", "/api/v3/secrets/raw/NOT_THERE", fx.admin(),
                fx.body("secretPath", "/", "secretValue", "x", "type", "shared"));
        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.message()).isEqualTo("Secret with name NOT_THERE not found");
        assertThat(patch.error()).isEqualTo("NotFound");

        Http.Res del = http.json("DELETE", "/api/v3/secrets/raw/NOT_THERE", fx.admin(),
                fx.body("secretPath", "/", "type", "shared"));
        assertThat(del.status()).isEqualTo(404);
        assertThat(del.message()).isEqualTo("Secret with name 'NOT_THERE' not found");
        assertThat(del.error()).isEqualTo("DeleteSecret");

        Http.Res get = fx.getOne(fx.admin(), "NOT_THERE", "secretPath", "/");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.message()).isEqualTo("Secret with name 'NOT_THERE' not found");
        assertThat(get.error()).isEqualTo("NotFound");
    }

    @Test
    void secretValueIsRequiredOnCreateAndOnOct24Patch() {
        String required = "[{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\","
                + "\"path\":[\"secretValue\"],\"message\":\"Required\"}]";
        Http.Res create = http.json("POST", "/api/v3/secrets/raw/NO_VALUE_FIELD", fx.admin(), fx.body("secretPath", "/"));
        assertThat(create.status()).isEqualTo(401);
        assertThat(create.error()).isEqualTo("ValidationFailure");
        assertThat(create.json().get("message").toString()).isEqualTo(required);

        fx.project.putSecret("dev", "/", "NO_TYPE_FIELD", "x");
        Http.Res rename = http.json("PATCH", "/api/v3/secrets/raw/NO_TYPE_FIELD", fx.admin(),
                fx.body("secretPath", "/", "newSecretName", "RENAMED_KEY"));
        assertThat(rename.status()).isEqualTo(401);
        assertThat(rename.json().get("message").toString()).isEqualTo(required);
        assertThat(fx.project.secretValue("dev", "/", "NO_TYPE_FIELD")).contains("x");
    }

    @Test
    void typeEnumAndPersonalSecrets() {
        Http.Res weird = http.json("POST", "/api/v3/secrets/raw/BAD_TYPE", fx.admin(),
                fx.body("secretPath", "/", "secretValue", "x", "type", "weird"));
        assertThat(weird.status()).isEqualTo(401);
        assertThat(weird.json().get("message").toString()).isEqualTo("[{\"received\":\"weird\",\"code\":\"invalid_enum_value\","
                + "\"options\":[\"shared\",\"personal\"],\"path\":[\"type\"],"
                + "\"message\":\"Invalid enum value. Expected 'shared' | 'personal', received 'weird'\"}]");

        Http.Res personal = http.json("POST", "/api/v3/secrets/raw/PERSONAL_BY_IDENTITY", fx.admin(),
                fx.body("secretPath", "/", "secretValue", "x", "type", "personal"));
        assertThat(personal.status()).isEqualTo(400);
        assertThat(personal.message()).isEqualTo("Must be user to create personal secret");
    }

    @Test
    void viewerCannotWrite() {
        Http.Res secret = http.json("POST", "/api/v3/secrets/raw/VIEWER_WRITE", fx.viewer(),
                fx.body("secretPath", "/", "secretValue", "v"));
        assertThat(secret.status()).isEqualTo(403);
        assertThat(secret.message()).isEqualTo("You are not allowed to create on secrets");
        assertThat(secret.error()).isEqualTo("PermissionDenied");

        Http.Res folder = http.json("POST", "/api/v1/folders", fx.viewer(), fx.body("name", "viewerfolder", "path", "/"));
        assertThat(folder.status()).isEqualTo(403);
        assertThat(folder.message()).isEqualTo("You are not allowed to create on secrets");
        assertThat(fx.viewer()).isNotNull();
        assertThat(fx.list(fx.viewer(), "secretPath", "/").status()).isEqualTo(200);
    }

    @Test
    void versionQueryParameterIsIgnored() {
        http.json("PATCH", "/api/v3/secrets/raw/SHARED", fx.admin(), fx.body("secretPath", "/", "secretValue", "from-root-v2"));
        for (String v : List.of("1", "99")) {
            JsonNode s = fx.getOne(fx.admin(), "SHARED", "secretPath", "/", "version", v).json().get("secret");
            assertThat(s.get("version").asInt()).isEqualTo(2);
            assertThat(s.get("secretValue").asText()).isEqualTo("from-root-v2");
        }
    }

    // ------------------------------------------------------------------ batch

    @Test
    void batchCreateIsAllOrNothingOnExistingKeys() {
        Http.Res r = http.json("POST", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId", fx.project.id(),
                "environment", "dev", "secretPath", "/app/sub", "secrets", List.of(
                        Map.of("secretKey", "NEW_IN_BATCH", "secretValue", "1"),
                        Map.of("secretKey", "SUB_KEY", "secretValue", "2"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.message()).isEqualTo("Secret already exist: SUB_KEY");
        Http.Res get = fx.getOne(fx.admin(), "NEW_IN_BATCH", "secretPath", "/app/sub");
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.message()).isEqualTo("Secret with name 'NEW_IN_BATCH' not found");
    }

    @Test
    void duplicateKeysInsideOneBatchAreBothStoredAndGetReturnsTheLater() {
        Http.Res r = http.json("POST", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId", fx.project.id(),
                "environment", "dev", "secretPath", "/app/sub", "secrets", List.of(
                        Map.of("secretKey", "DUP_IN_BATCH", "secretValue", "1"),
                        Map.of("secretKey", "DUP_IN_BATCH", "secretValue", "2"),
                        Map.of("secretKey", "", "secretValue", "empty-key"))));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("secrets")).hasSize(3);
        List<String> listed = new java.util.ArrayList<>();
        fx.list(fx.admin(), "secretPath", "/app/sub").json().get("secrets")
                .forEach(s -> listed.add(s.get("secretKey").asText() + "=" + s.get("secretValue").asText()));
        assertThat(listed).contains("DUP_IN_BATCH=1", "DUP_IN_BATCH=2", "=empty-key");
        assertThat(fx.getOne(fx.admin(), "DUP_IN_BATCH", "secretPath", "/app/sub").json().at("/secret/secretValue")
                .asText()).isEqualTo("2");
    }

    @Test
    void batchUpdateAndDelete() {
        Http.Res upd = http.json("PATCH", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId", fx.project.id(),
                "environment", "dev", "secretPath", "/app", "secrets", List.of(
                        Map.of("secretKey", "APP_KEY", "secretValue", "  new-app  "))));
        assertThat(upd.status()).isEqualTo(200);
        assertThat(upd.json().at("/secrets/0/secretValue").asText()).isEqualTo("new-app");
        assertThat(upd.json().at("/secrets/0/version").asInt()).isEqualTo(2);

        Http.Res noValue = http.json("PATCH", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId",
                fx.project.id(), "environment", "dev", "secretPath", "/app", "secrets", List.of(
                        Map.of("secretKey", "APP_KEY", "newSecretName", "X"))));
        assertThat(noValue.status()).isEqualTo(401);
        assertThat(noValue.json().at("/message/0/path").toString()).isEqualTo("[\"secrets\",0,\"secretValue\"]");

        Http.Res missing = http.json("PATCH", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId",
                fx.project.id(), "environment", "dev", "secretPath", "/app", "secrets", List.of(
                        Map.of("secretKey", "APP_KEY", "secretValue", "a"), Map.of("secretKey", "NOPE", "secretValue", "b"))));
        assertThat(missing.status()).isEqualTo(404);
        // issue 13 #10, real: "Secret does not exist: B1" for [B1 (exists), missing]: it names the keys that exist
        assertThat(missing.message()).isEqualTo("Secret does not exist: APP_KEY");

        Http.Res delMissing = http.json("DELETE", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId",
                fx.project.id(), "environment", "dev", "secretPath", "/app", "secrets", List.of(
                        Map.of("secretKey", "APP_KEY"), Map.of("secretKey", "NOPE"))));
        assertThat(delMissing.status()).isEqualTo(404);
        assertThat(delMissing.message()).isEqualTo("One or more secrets does not exist: APP_KEY");
        assertThat(fx.project.secretValue("dev", "/app", "APP_KEY")).isPresent();

        Http.Res del = http.json("DELETE", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId",
                fx.project.id(), "environment", "dev", "secretPath", "/app", "secrets", List.of(
                        Map.of("secretKey", "APP_KEY"), Map.of("secretKey", "SHARED"))));
        assertThat(del.status()).isEqualTo(200);
        assertThat(del.json().get("secrets")).hasSize(2);
        assertThat(fx.project.secretValue("dev", "/app", "APP_KEY")).isEmpty();
    }

    @Test
    void seedingChangesAreVisibleToTheNextRequest() {
        assertThat(fx.getOne(fx.admin(), "ROOT_KEY", "secretPath", "/").json().at("/secret/secretValue").asText())
                .isEqualTo("root-value");
        fx.project.putSecret("dev", "/", "ROOT_KEY", "rotated");
        JsonNode s = fx.getOne(fx.admin(), "ROOT_KEY", "secretPath", "/").json().get("secret");
        assertThat(s.get("secretValue").asText()).isEqualTo("rotated");
        assertThat(s.get("version").asInt()).isEqualTo(2);
        fx.project.deleteSecret("dev", "/", "ROOT_KEY");
        assertThat(fx.getOne(fx.admin(), "ROOT_KEY", "secretPath", "/").status()).isEqualTo(404);
    }
}
