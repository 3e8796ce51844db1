package dev.infisicalpro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exec-provider} started the way OpenClaw starts it: absolute path, no shell, an empty
 * environment, settings from {@code --config}, the request as JSON on stdin.
 */
class ExecProviderIT {

    private static final String CANARY = "canary-Ünïcödé-✓-value";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The default 4 s deadline counts JVM start; on a loaded build machine that alone can take seconds. */
    private static final String LONG = "60s";

    @TempDir
    Path dir;
    private FakeInfisical fake;
    private FakeProject project;
    private UniversalAuthCredentials identity;

    @BeforeEach
    void seed() {
        fake = FakeInfisical.start();
        project = fake.createProject("openclaw");
        for (int i = 0; i < 10; i++) {
            project.putSecret("dev", "/app", "APP_" + i, "app-value-" + i + "-" + CANARY);
            project.putSecret("dev", "/shared", "SHARED_" + i, "shared-value-" + i + "-" + CANARY);
        }
        project.putSecret("prod", "/app", "APP_0", "prod-value-" + CANARY);
        identity = project.createUniversalAuthIdentity("openclaw", Role.VIEWER, Duration.ofHours(1), Duration.ofHours(2));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Path uaConfig(String clientSecret) {
        return Fixtures.config(dir, "infisical.host-api=" + fake.url(), "infisical.project-id=" + project.id(),
                "infisical.env-slug=dev", "infisical.secrets-path=/app",
                "infisical.auth.client-id=" + identity.clientId(), "infisical.auth.client-secret=" + clientSecret);
    }

    private static String request(List<String> ids) throws Exception {
        return "{\"protocolVersion\":1,\"provider\":\"infisical\",\"ids\":" + JSON.writeValueAsString(ids) + "}";
    }

    /** The whole of stdout must be one JSON object. */
    private static JsonNode answer(CliProcess.Result r) throws Exception {
        JsonNode node = JSON.readTree(r.stdout());
        assertThat(node.isObject()).as(r.toString()).isTrue();
        assertThat(JSON.writeValueAsString(node).length()).isLessThanOrEqualTo(r.stdout().length());
        assertThat(node.get("protocolVersion").asInt()).isEqualTo(1);
        return node;
    }

    @Test
    void twentyIdsInTwoFoldersTakeOneLoginAndTwoListRequests() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add("APP_" + i);                 // the configured folder, /app
            ids.add("/shared/SHARED_" + i);      // a folder named in the id
        }
        Path config = uaConfig(identity.clientSecret());
        fake.journal().clear();

        CliProcess.Result r = CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", LONG).stdin(request(ids)).run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode answer = answer(r);
        assertThat(answer.has("errors")).as("no errors member when there are none").isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(answer.at("/values/APP_" + i).asText()).isEqualTo("app-value-" + i + "-" + CANARY);
            assertThat(answer.get("values").get("/shared/SHARED_" + i).asText()).isEqualTo("shared-value-" + i + "-" + CANARY);
        }
        assertThat(fake.journal().count("POST", "/api/v1/auth/universal-auth/login")).isEqualTo(1);
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isEqualTo(2);
        assertThat(fake.journal().requests()).hasSize(3);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).as("values are escaped to ASCII, never mangled").doesNotContain("✓").contains("\\u2713");
    }

    @Test
    void eachIdGetsItsOwnAnswerAndExitIsZero() throws Exception {
        Path config = uaConfig(identity.clientSecret());
        List<String> ids = List.of("APP_1", "MISSING_KEY", "prod:/app/APP_0", "app/APP_2", "a/../APP_1", "/empty/KEY");

        CliProcess.Result r = CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", LONG).stdin(request(ids)).run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode answer = answer(r);
        assertThat(answer.at("/values/APP_1").asText()).isEqualTo("app-value-1-" + CANARY);
        assertThat(answer.get("values").get("prod:/app/APP_0").asText()).isEqualTo("prod-value-" + CANARY);
        assertThat(answer.get("values").get("app/APP_2").asText()).isEqualTo("app-value-2-" + CANARY);
        JsonNode errors = answer.get("errors");
        assertThat(errors.at("/MISSING_KEY/message").asText()).contains("MISSING_KEY not found in dev:/app");
        assertThat(errors.get("a/../APP_1").get("message").asText()).contains("'..'");
        assertThat(errors.get("/empty/KEY").get("message").asText()).contains("not found in dev:/empty")
                .contains("empty or does not exist");
        assertThat(r.stderr()).contains("3 of 6 ids resolved").doesNotContain(CANARY).doesNotContain("value-");
    }

    @Test
    void anAuthenticationFailureIsNeverReportedAsNotFound() throws Exception {
        Path config = uaConfig("wrong-client-secret-canary");

        CliProcess.Result r = CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", LONG)
                .stdin(request(List.of("APP_1", "/shared/SHARED_1"))).run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        JsonNode answer = answer(r);
        assertThat(answer.get("values").size()).isZero();
        for (String id : List.of("APP_1", "/shared/SHARED_1")) {
            String message = answer.get("errors").get(id).get("message").asText();
            assertThat(message).doesNotContain("not found").containsIgnoringCase("auth");
        }
        assertThat(fake.journal().count("POST", "/api/v1/auth/universal-auth/login"))
                .as("invalid credentials are not retried").isEqualTo(1);
        assertThat(r.all()).doesNotContain("wrong-client-secret-canary");
    }

    @Test
    void aServiceTokenScopedToOneFolderGetsTheFixForOtherFolders() throws Exception {
        String token = project.createServiceToken("openclaw", List.of(TokenScope.of("dev", "/app")),
                EnumSet.of(Permission.READ)).token();
        Path config = Fixtures.config(dir, "infisical.host-api=" + fake.apiUrl(), "infisical.auth.service-token=" + token);

        CliProcess.Result r = CliProcess.of("exec-provider", "--config", config.toString(), "--path", "/app", "--timeout", LONG)
                .stdin(request(List.of("APP_3", "/shared/SHARED_3"))).run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode answer = answer(r);
        assertThat(answer.at("/values/APP_3").asText()).as("env and project come from the token").isEqualTo(
                "app-value-3-" + CANARY);
        assertThat(answer.get("errors").get("/shared/SHARED_3").get("message").asText()).contains("/**");
        assertThat(r.all()).doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void malformedRequestsGetAProtocolShapedErrorAndExitTwo() throws Exception {
        Path config = uaConfig(identity.clientSecret());
        for (String bad : List.of("{\"protocolVersion\":2,\"ids\":[\"APP_1\"]}", "not json", "",
                "{\"protocolVersion\":1,\"ids\":\"APP_1\"}", "[1,2]")) {
            CliProcess.Result r = CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", LONG).stdin(bad).run();
            assertThat(r.exitCode()).as(bad + "\n" + r).isEqualTo(ExitCodes.USAGE);
            JsonNode answer = answer(r);
            assertThat(answer.get("error").get("message").asText()).as(bad).isNotBlank();
            assertThat(answer.get("values").size()).isZero();
        }
        CliProcess.Result v2 = CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", LONG)
                .stdin("{\"protocolVersion\":2,\"ids\":[\"APP_1\"]}").run();
        assertThat(answer(v2).at("/errors/APP_1/message").asText()).contains("protocolVersion 2");
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).as("nothing is fetched for a bad request").isZero();
    }

    @Test
    void aSlowServerIsCutOffAtTheDeadlineWithAnAnswer() throws Exception {
        Path config = uaConfig(identity.clientSecret());
        fake.faults().next("GET", "/api/v3/secrets/raw", 5, Fault.delay(Duration.ofSeconds(40)));

        long t0 = System.nanoTime();
        CliProcess.Result r = CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", "8s")
                .stdin(request(List.of("APP_1"))).run();
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(answer(r).at("/errors/APP_1/message").asText()).contains("deadline");
        assertThat(millis).as("well before the 40 s the server takes").isLessThan(20_000);
    }

    @Test
    void aConfigFileOthersCanReadIsRefused() throws Exception {
        Path config = uaConfig(identity.clientSecret());
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        CliProcess.Result r = CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", LONG)
                .stdin(request(List.of("APP_1"))).run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(answer(r).at("/errors/APP_1/message").asText()).contains("chmod 600");
        assertThat(fake.journal().requests()).isEmpty();
        assertThat(r.all()).doesNotContain(identity.clientSecret());
    }
}
