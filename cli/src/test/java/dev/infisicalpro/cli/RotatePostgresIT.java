package dev.infisicalpro.cli;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rotate postgres} end to end: the built executable against a real PostgreSQL and FakeInfisical. */
class RotatePostgresIT {

    private static final String CANARY = "first-canary-Zq81-DO-NOT-LEAK";
    private static final AtomicInteger ROLES = new AtomicInteger();
    private static EmbeddedPostgres pg;

    private FakeInfisical fake;
    private FakeProject project;
    private UniversalAuthCredentials ua;
    private String role;

    @BeforeAll
    static void startPostgres() throws IOException {
        pg = EmbeddedPostgres.builder()
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(dir -> {
                    try {
                        Files.writeString(dir.toPath().resolve("pg_hba.conf"), "host all postgres 127.0.0.1/32 trust\n"
                                + "host all postgres ::1/128 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
                                + "host all all ::1/128 scram-sha-256\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        pg.close();
    }

    @BeforeEach
    void seed() throws SQLException {
        role = "cliapp" + ROLES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create role " + role + " login password '" + CANARY + "'");
        }
        fake = FakeInfisical.start();
        project = fake.createProject("shop");
        project.createFolder("prod", "/db");
        project.putSecret("prod", "/db", "DB_PASSWORD", CANARY);
        ua = project.createUniversalAuthIdentity("ops", Role.ADMIN, Duration.ofHours(1), Duration.ofHours(2));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    private CliProcess rotate(String... more) {
        String[] base = {"rotate", "postgres", "--jdbc-url", jdbcUrl(), "--role", role, "--host-api", fake.url(),
                "--project-id", project.id(), "--env", "prod", "--path", "/db"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        return CliProcess.of(args)
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId())
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret());
    }

    private void login(String password) throws SQLException {
        DriverManager.getConnection(jdbcUrl(), role, password).close();
    }

    @Test
    void rotatesDatabaseFirstThenInfisicalAndPrintsNoPassword() throws Exception {
        CliProcess.Result r = rotate("--previous-key", "DB_PASSWORD_PREVIOUS").run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String now = project.secretValue("prod", "/db", "DB_PASSWORD").orElseThrow();
        assertThat(now).isNotEqualTo(CANARY).hasSize(40);
        login(now);
        assertThat(project.secretValue("prod", "/db", "DB_PASSWORD_PREVIOUS")).contains(CANARY);
        assertThat(r.stderr()).containsSubsequence("PostgreSQL has the new password", "a fresh login",
                "Infisical has the new password");
        assertThat(r.stdout()).contains("rotated the password of role " + role, "previous one in DB_PASSWORD_PREVIOUS");
        assertThat(r.all()).doesNotContain(now).doesNotContain(CANARY);
    }

    @Test
    void aLengthOutOfRangeIsAUsageErrorAndChangesNothing() throws Exception {
        CliProcess.Result r = rotate("--length", "20").run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("passwordLength must be 32..48").doesNotContain("unexpected");
        assertThat(project.secretValue("prod", "/db", "DB_PASSWORD")).contains(CANARY);
        login(CANARY);
    }

    @Test
    void whenInfisicalCannotBeWrittenTheNewPasswordIsKeptInThePrivateFile(@TempDir Path dir) throws Exception {
        fake.faults().next("PATCH", "*", 1000, Fault.status(503));
        Path keep = dir.resolve("db.pw");

        CliProcess.Result r = rotate("--keep-new-password-in", keep.toString()).timeoutSeconds(120).run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stderr()).contains("database: new password", "Infisical: previous password", keep.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keep))).isEqualTo("rw-------");
        String kept = Files.readString(keep);
        login(kept);
        assertThat(project.secretValue("prod", "/db", "DB_PASSWORD")).contains(CANARY);
        assertThat(r.all()).doesNotContain(kept).doesNotContain(CANARY);
    }

    @Test
    void withoutAFileTheDatabaseIsChangedBack() throws Exception {
        fake.faults().next("PATCH", "*", 1000, Fault.status(503));

        CliProcess.Result r = rotate().timeoutSeconds(120).run();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stderr()).contains("changed back to the previous password", "database: previous password");
        login(CANARY);
    }
}
