package dev.infisicalpro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** secrets, folders and export as real processes, credentials from the environment variables Infisical uses. */
class SecretsFoldersExportIT {

    private static final String TRICKY = "it's a \"quoted\" $HOME\\path\nsecond line ✓ canary";

    @TempDir
    Path dir;
    private FakeInfisical fake;
    private FakeProject project;
    private UniversalAuthCredentials admin;

    @BeforeEach
    void seed() {
        fake = FakeInfisical.start();
        project = fake.createProject("cli");
        project.putSecret("dev", "/app", "DB_PASSWORD", "db-canary-1");
        project.putSecret("dev", "/app", "TRICKY", TRICKY);
        project.putSecret("dev", "/shared", "SHARED_KEY", "shared-canary");
        project.addImport("dev", "/app", "dev", "/shared");
        admin = project.createUniversalAuthIdentity("cli", Role.ADMIN, Duration.ofHours(1), Duration.ofHours(2));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CliProcess cli(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--project-id", project.id(), "--env", "dev"));
        return CliProcess.of(all.toArray(String[]::new)).env("INFISICAL_API_URL", fake.url())
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", admin.clientId())
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", admin.clientSecret());
    }

    @Test
    void getPrintsPlainValuesOrQuotedAssignmentsAndSaysWhatIsMissing() {
        CliProcess.Result plain = cli("secrets", "get", "DB_PASSWORD", "--plain", "--path", "/app").run();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).isEqualTo("db-canary-1\n");

        CliProcess.Result imported = cli("secrets", "get", "SHARED_KEY", "--plain", "--path", "/app").run();
        assertThat(imported.stdout()).as("imports count").isEqualTo("shared-canary\n");

        CliProcess.Result partial = cli("secrets", "get", "DB_PASSWORD", "NOPE", "--path", "/app").run();
        assertThat(partial.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(partial.stdout()).isEqualTo("DB_PASSWORD='db-canary-1'\n");
        assertThat(partial.stderr()).contains("NOPE not found in dev:").doesNotContain("canary");

        CliProcess.Result none = cli("secrets", "get", "NOPE", "--path", "/app").run();
        assertThat(none.exitCode()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void listShowsKeysOnlyUnlessValuesAreAsked() {
        CliProcess.Result keys = cli("secrets", "list", "--path", "/app").run();
        assertThat(keys.exitCode()).as(keys.toString()).isZero();
        assertThat(keys.stdout().lines()).containsExactlyInAnyOrder("DB_PASSWORD", "TRICKY", "SHARED_KEY");
        assertThat(keys.all()).doesNotContain("canary");

        CliProcess.Result values = cli("secrets", "list", "--values", "--path", "/app").run();
        assertThat(values.stdout()).contains("DB_PASSWORD='db-canary-1'");
    }

    @Test
    void setIntoAMissingFolderExplainsAndCreateFoldersMakesIt() {
        CliProcess.Result missing = cli("secrets", "set", "API_KEY=k-canary", "--path", "/apps/billing").run();
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.stderr()).containsIgnoringCase("folder").contains("create").doesNotContain("k-canary");

        CliProcess.Result created = cli("secrets", "set", "API_KEY=k-canary", "OTHER=o", "--path", "/apps/billing",
                "--create-folders").run();
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(project.secretValue("dev", "/apps/billing", "API_KEY")).contains("k-canary");
        assertThat(created.all()).doesNotContain("k-canary");

        CliProcess.Result updated = cli("secrets", "set", "API_KEY=k2", "--path", "/apps/billing").run();
        assertThat(updated.exitCode()).as(updated.toString()).isZero();
        assertThat(project.secretValue("dev", "/apps/billing", "API_KEY")).contains("k2");
        assertThat(project.secretVersion("dev", "/apps/billing", "API_KEY")).contains(2);
    }

    /** A value piped in never shows in ps; a usage mistake is caught before any request. */
    @Test
    void setWithStdinStoresThePipedValueWithoutItsNewline() {
        CliProcess.Result r = cli("secrets", "set", "API_KEY", "--stdin", "--path", "/app").stdin("s-canary-9 x\n").run();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(project.secretValue("dev", "/app", "API_KEY")).contains("s-canary-9 x");
        assertThat(r.all()).doesNotContain("s-canary-9");

        CliProcess.Result two = cli("secrets", "set", "A", "B", "--stdin", "--path", "/app").stdin("v\n").run();
        assertThat(two.exitCode()).isEqualTo(ExitCodes.USAGE);
        CliProcess.Result empty = cli("secrets", "set", "EMPTY", "--stdin", "--path", "/app").run();
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.stderr()).contains("empty");
        assertThat(project.secretValue("dev", "/app", "EMPTY")).isEmpty();
    }

    @Test
    void setWithGenerateStoresAStrongValueWithoutPrintingIt() {
        CliProcess.Result r = cli("secrets", "set", "AUTH_SECRET", "--generate", "48", "--path", "/app").run();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String stored = project.secretValue("dev", "/app", "AUTH_SECRET").orElseThrow();
        assertThat(stored).matches("[A-Za-z0-9]{48}");
        assertThat(r.all()).doesNotContain(stored);

        CliProcess.Result shown = cli("secrets", "set", "ENCRYPTION_KEY", "--generate", "32", "--charset", "hex",
                "--print-generated", "--path", "/app").run();
        String key = project.secretValue("dev", "/app", "ENCRYPTION_KEY").orElseThrow();
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(shown.stdout()).isEqualTo("ENCRYPTION_KEY='" + key + "'\n");
    }

    @Test
    void deleteReportsEachKey() {
        CliProcess.Result r = cli("secrets", "delete", "DB_PASSWORD", "NOPE", "--path", "/app").run();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(project.secretValue("dev", "/app", "DB_PASSWORD")).isEmpty();
        assertThat(r.stderr()).contains("NOPE");
    }

    @Test
    void foldersCreateWithParentsAndList() {
        CliProcess.Result create = cli("folders", "create", "/apps/billing/db", "--parents").run();
        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(project.folderExists("dev", "/apps/billing/db")).isTrue();
        CliProcess.Result again = cli("folders", "create", "/apps/billing/db", "--parents").run();
        assertThat(again.exitCode()).as("an existing folder is success").isZero();

        CliProcess.Result list = cli("folders", "list", "/apps").run();
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout().lines()).containsExactly("/apps/billing");
    }

    @Test
    void foldersCreateTakesATokenFlag() {
        String token = project.createServiceToken("ci", List.of(dev.infisicalpro.testkit.TokenScope.of("dev", "/**")),
                java.util.EnumSet.of(dev.infisicalpro.testkit.Permission.READ, dev.infisicalpro.testkit.Permission.WRITE))
                .token();
        CliProcess.Result r = CliProcess.of("folders", "create", "/from-token", "--token", token, "--domain", fake.url())
                .run();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(project.folderExists("dev", "/from-token")).isTrue();
    }

    @Test
    void exportFormatsRoundTripEveryValue() throws Exception {
        CliProcess.Result json = cli("export", "--format", "json", "--path", "/app").run();
        assertThat(json.exitCode()).as(json.toString()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, String> parsed = new ObjectMapper().readValue(json.stdout(), Map.class);
        assertThat(parsed).containsEntry("TRICKY", TRICKY).containsEntry("SHARED_KEY", "shared-canary");

        CliProcess.Result props = cli("export", "--format", "properties", "--path", "/app").run();
        Properties p = new Properties();
        p.load(new StringReader(props.stdout()));
        assertThat(p.getProperty("TRICKY")).isEqualTo(TRICKY);

        CliProcess.Result yaml = cli("export", "--format", "yaml", "--path", "/app").run();
        assertThat(yaml.stdout()).contains("\"DB_PASSWORD\": \"db-canary-1\"");

        // sourced by a real sh, the value comes back byte for byte
        CliProcess.Result sh = cli("export", "--format", "dotenv-export", "--path", "/app").run();
        Path script = dir.resolve("env.sh");
        Files.writeString(script, sh.stdout() + "printf '%s' \"$TRICKY\"\n");
        Process p2 = new ProcessBuilder("/bin/sh", script.toString()).start();
        String back = new String(p2.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p2.waitFor()).isZero();
        assertThat(back).isEqualTo(TRICKY);
    }

    @Test
    void exportOutputIsWrittenPrivatelyAndReplacedWhole() throws Exception {
        Path out = dir.resolve("app.env");
        Files.writeString(out, "OLD=1\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));

        CliProcess.Result r = cli("export", "--format", "dotenv", "--output", out.toString(), "--path", "/app").run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(Files.readString(out)).contains("DB_PASSWORD='db-canary-1'").doesNotContain("OLD=1");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left").containsOnly("app.env");
        }
    }
}
