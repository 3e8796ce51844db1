package dev.infisicalpro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code infisical-pro doctor} from the built executable against FakeInfisical, with an empty environment. */
class DoctorIT {

    private static final String CANARY = "canary-doctor-Zp4Lq9";

    private FakeInfisical fake;
    private FakeProject project;

    @BeforeEach
    void start() {
        fake = FakeInfisical.start();
        project = fake.createProject("homelab");
        project.putSecret("dev", "/", "ROOT_KEY", CANARY + "-root");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "APP_KEY", CANARY + "-app");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private ServiceTokenCredentials token(String path) {
        return project.createServiceToken("app-reader", List.of(TokenScope.of("dev", path)), Set.of(Permission.READ));
    }

    @Test
    void aWorkingSetupPassesAndExitsZero() {
        CliProcess.Result r = CliProcess.of("doctor", "--host-api", fake.url(), "--path", "/app")
                .env("INFISICAL_TOKEN", token("/**").token()).run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().filter(l -> l.matches("(PASS|WARN|FAIL|SKIP) {2}\\d .*")))
                .hasSize(7).allMatch(l -> l.startsWith("PASS") || l.startsWith("SKIP"));
        assertThat(r.stdout()).contains("PASS  1 host", "PASS  5 token scope", "all checks passed");
        assertThat(r.all()).doesNotContain(CANARY);
    }

    @Test
    void theScopeTrapFailsWithTheFixAndExitsOne() {
        String token = token("/").token();
        CliProcess.Result text = CliProcess.of("doctor", "--host-api", fake.url(), "--token", token, "--path", "/app").run();
        CliProcess.Result json = CliProcess.of("doctor", "--json", "--host-api", fake.url(), "--path", "/app")
                .env("INFISICAL_TOKEN", token).run();

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(text.stdout()).contains("FAIL  5 token scope", "fix: create a service token with scope dev:/app/**",
                "SKIP  6 imports");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(text.all() + json.all()).doesNotContain(CANARY).doesNotContain(token.substring(3));
        try {
            JsonNode node = new ObjectMapper().readTree(json.stdout());
            assertThat(node.path("ok").asBoolean()).isFalse();
            assertThat(node.path("checks").path(4).path("status").asText()).isEqualTo("FAIL");
        } catch (java.io.IOException e) {
            throw new AssertionError(json.toString(), e);
        }
    }

    @Test
    void aWrongHostFailsTheFirstCheck() {
        CliProcess.Result r = CliProcess.of("doctor", "--host-api", fake.url() + "/api/api", "--timeout", "5")
                .env("INFISICAL_TOKEN", token("/**").token()).run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stdout()).contains("FAIL  1 host", "names /api twice", "SKIP  2 auth");
    }
}
