package dev.infisicalpro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code infisical-pro lint} from the built executable, started as a child process. */
class LintIT {

    private static final Path FIXTURES = Path.of("src/test/resources/lint").toAbsolutePath();

    @Test
    void errorsArePrintedOnePerLineAndExitOne() {
        CliProcess.Result r = CliProcess.of("lint", FIXTURES.resolve("AUTH-SECRET-KEY-NAME/bad").toString()).run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stdout().lines()).hasSize(3).allMatch(l -> l.matches(".+\\.yaml:\\d+:\\d+: AUTH-SECRET-KEY-NAME error .+"));
        assertThat(r.stdout()).contains("infisical-auth-token.yaml:28:3: AUTH-SECRET-KEY-NAME error key \"client_id\"",
                "rename it to clientId");
        assertThat(r.stderr()).contains("3 errors, 0 warnings, 0 info in 1 file");
    }

    @Test
    void warningsAloneExitZeroAndACleanTreePrintsNothing() {
        CliProcess.Result warn = CliProcess.of("lint", FIXTURES.resolve("CRD-TOKEN-SCOPE/bad").toString()).run();
        assertThat(warn.exitCode()).as(warn.toString()).isZero();
        assertThat(warn.stdout()).contains("CRD-TOKEN-SCOPE warning", "/zipline/**");

        CliProcess.Result clean = CliProcess.of("lint", FIXTURES.resolve("ANTI-INCEPTION/good").toString()).run();
        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.stdout()).isEmpty();
    }

    @Test
    void sarifIsOneJsonDocumentOnStdout() throws Exception {
        CliProcess.Result r = CliProcess.of("lint", "--format", "sarif",
                FIXTURES.resolve("OPENCLAW-REF-STRING/bad").toString()).run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        JsonNode sarif = new ObjectMapper().readTree(r.stdout());
        JsonNode result = sarif.path("runs").path(0).path("results").path(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("OPENCLAW-REF-STRING");
        assertThat(result.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt())
                .isEqualTo(9);
        assertThat(sarif.path("runs").path(0).path("tool").path("driver").path("version").asText())
                .matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliProcess.of("lint", "/nonexistent/k8s").run().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliProcess.of("lint", "--disable", "NO-SUCH-RULE", ".").run().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliProcess.of("lint", "--format", "xml", ".").run().exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void thisRepositorysExamplesAndDocsAreClean() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        CliProcess.Result r = CliProcess.of("lint", root.resolve("examples").toString(), root.resolve("docs").toString()).run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("0 errors, 0 warnings, 0 info");
    }
}
