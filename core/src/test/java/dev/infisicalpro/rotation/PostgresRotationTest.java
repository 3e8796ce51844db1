package dev.infisicalpro.rotation;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.RetryPolicy;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretUpdate;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Rotation against a real PostgreSQL (SCRAM logins checked) and the testkit's FakeInfisical. An
 * "application restart" here is what the field guide's auto-reload does: read the password from
 * Infisical and open a fresh connection with it.
 */
class PostgresRotationTest {

    private static final String INITIAL = "initial-canary-7QvLr2pXk9";
    private static TestPostgres pg;
    private static final AtomicInteger ROLES = new AtomicInteger();

    private FakeInfisical fake;
    private FakeProject project;
    private InfisicalClient client;
    private Scope scope;
    private String role;

    @BeforeAll
    static void startPostgres() {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @BeforeEach
    void setUp() throws SQLException {
        role = "app" + ROLES.incrementAndGet();
        pg.createRole(role, INITIAL);
        fake = FakeInfisical.start();
        project = fake.createProject("shop");
        project.createFolder("prod", "/db");
        project.putSecret("prod", "/db", "DB_PASSWORD", INITIAL);
        UniversalAuthCredentials ua = project.createUniversalAuthIdentity("rotator", Role.ADMIN,
                Duration.ofHours(1), Duration.ofHours(2));
        client = InfisicalClient.builder().host(fake.url())
                .credentials(Credentials.universalAuth(ua.clientId(), ua.clientSecret()))
                .retryPolicy(RetryPolicy.none())
                .build();
        scope = Scope.of(ProjectRef.id(project.id()), "prod", "/db");
    }

    @AfterEach
    void tearDown() {
        client.close();
        fake.close();
    }

    private PostgresRotation.Builder rotation() {
        return PostgresRotation.builder(client, scope, "DB_PASSWORD").jdbcUrl(pg.jdbcUrl()).role(role)
                .writeRetries(3, Duration.ofMillis(20));
    }

    private String infisicalValue() {
        return project.secretValue("prod", "/db", "DB_PASSWORD").orElseThrow();
    }

    /** What an auto-reloaded application does: take Infisical's value and log in; the SQLState on failure. */
    private String restartApp() {
        try (Connection c = pg.login(role, infisicalValue()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_user")) {
            r.next();
            return "up as " + r.getString(1);
        } catch (SQLException e) {
            return "crash: " + e.getSQLState();
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select current_user")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void safeOrderChangesTheDatabaseFirstAndEveryReloadAfterTheWriteComesUp() throws Exception {
        List<String> seen = new ArrayList<>();
        try (Connection pooled = pg.login(role, INITIAL)) {
            RotationResult result = rotation()
                    .onStep(step -> seen.add(step + " -> " + restartApp()))
                    .build().rotate();

            String now = infisicalValue();
            assertThat(now).isNotEqualTo(INITIAL).hasSizeBetween(32, 48).matches("[A-Za-z0-9_-]+");
            assertThat(seen).containsExactly(
                    // between ALTER and the write nothing reloads (Infisical has not changed), and the
                    // guide's auto-reload only fires after the write, when the new password works
                    "DATABASE_CHANGED -> crash: 28P01",
                    "LOGIN_VERIFIED -> crash: 28P01",
                    "INFISICAL_WRITTEN -> up as " + role);
            assertThat(result.role()).isEqualTo(role);
            assertThat(result.writeAttempts()).isEqualTo(1);
            assertThat(result.previousValueKey()).isEmpty();
            assertThat(result.infisicalWrittenAt()).isAfterOrEqualTo(result.databaseChangedAt());
            // a connection opened with the old password keeps working (the guide's "quick" order relies on it)
            assertThat(currentUser(pooled)).isEqualTo(role);
        }
        assertThatThrownBy(() -> pg.login(role, INITIAL)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void theGuidesWrongOrderCrashLoopsReloadedAppsUntilAlterUserRuns() throws Exception {
        String next = "next-password-canary-0000000000000";
        // Infisical first (the guide's naive order): the operator syncs, auto-reload restarts the app...
        client.secrets().update(scope, "DB_PASSWORD", SecretUpdate.value(next));
        List<String> restarts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            restarts.add(restartApp());
        }
        // ...and it crash-loops on "password authentication failed" until someone runs ALTER USER
        assertThat(restarts).containsOnly("crash: 28P01");
        try (Connection su = pg.superuser().getConnection()) {
            su.unwrap(org.postgresql.PGConnection.class).alterUserPassword(role, next.toCharArray(), "scram-sha-256");
        }
        assertThat(restartApp()).isEqualTo("up as " + role);
    }

    @Test
    void thePlainTextPasswordNeverReachesTheServerOrItsLog() throws Exception {
        rotation().build().rotate();
        String next = infisicalValue();
        String log = pg.serverLog();
        assertThat(log).contains("ALTER USER \"" + role + "\" PASSWORD 'SCRAM-SHA-256$");
        assertThat(log).doesNotContain(next);
        try (Connection c = pg.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select rolpassword from pg_authid where rolname = '" + role + "'")) {
            r.next();
            assertThat(r.getString(1)).startsWith("SCRAM-SHA-256$4096:").doesNotContain(next);
        }
    }

    @Test
    void previousValueKeyKeepsTheOldPasswordNextToTheNewOne() {
        RotationResult result = rotation().previousValueKey("DB_PASSWORD_PREVIOUS").build().rotate();
        assertThat(result.previousValueKey()).contains("DB_PASSWORD_PREVIOUS");
        assertThat(project.secretValue("prod", "/db", "DB_PASSWORD_PREVIOUS")).contains(INITIAL);

        String second = infisicalValue();
        rotation().previousValueKey("DB_PASSWORD_PREVIOUS").build().rotate();
        assertThat(project.secretValue("prod", "/db", "DB_PASSWORD_PREVIOUS")).contains(second);
    }

    @Test
    void aFailedWriteRollsTheDatabaseBackByDefault() throws Exception {
        fake.faults().next("PATCH", "*", 100, Fault.status(503));
        List<RotationStep> steps = new ArrayList<>();

        RotationException e = catchThrowableOfType(RotationException.class,
                () -> rotation().onStep(steps::add).build().rotate());

        assertThat(e.database()).isEqualTo(PasswordState.PREVIOUS);
        assertThat(e.infisical()).isEqualTo(PasswordState.PREVIOUS);
        assertThat(e.newPasswordFile()).isEmpty();
        assertThat(e.getMessage())
                .contains("failed after 3 attempts", "changed back to the previous password",
                        "database: previous password", "Infisical: previous password")
                .doesNotContain(INITIAL);
        assertThat(steps).containsExactly(RotationStep.DATABASE_CHANGED, RotationStep.LOGIN_VERIFIED);
        assertThat(infisicalValue()).isEqualTo(INITIAL);
        assertThat(restartApp()).isEqualTo("up as " + role);
    }

    @Test
    void aFailedWriteCanKeepTheNewPasswordInAPrivateFileInstead(@TempDir Path dir) throws Exception {
        fake.faults().next("PATCH", "*", 100, Fault.status(503));
        Path file = dir.resolve("app-db.pw");

        RotationException e = catchThrowableOfType(RotationException.class,
                () -> rotation().onWriteFailure(OnWriteFailure.keepNewPasswordIn(file)).build().rotate());

        assertThat(e.database()).isEqualTo(PasswordState.NEW);
        assertThat(e.infisical()).isEqualTo(PasswordState.PREVIOUS);
        assertThat(e.newPasswordFile()).contains(file);
        assertThat(e.getMessage()).contains("saved in " + file, "write the file's content to DB_PASSWORD");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String kept = Files.readString(file);
        assertThat(e.getMessage()).doesNotContain(kept).doesNotContain(INITIAL);
        try (Connection c = pg.login(role, kept)) {
            assertThat(currentUser(c)).isEqualTo(role);
        }
        assertThat(infisicalValue()).isEqualTo(INITIAL);
    }

    @Test
    void aWriteThatFailsOnceIsRetriedAndTheRotationCompletes() {
        fake.faults().next("PATCH", "*", 1, Fault.status(503));
        RotationResult result = rotation().build().rotate();
        assertThat(result.writeAttempts()).isEqualTo(2);
        assertThat(restartApp()).isEqualTo("up as " + role);
    }

    @Test
    void aPermissionErrorIsNotRetriedAndTheDatabaseIsRolledBack() {
        fake.faults().next("PATCH", "*", 100, Fault.status(403));
        RotationException e = catchThrowableOfType(RotationException.class, () -> rotation().build().rotate());
        assertThat(e.getMessage()).contains("failed after 1 attempt ");
        assertThat(e.database()).isEqualTo(PasswordState.PREVIOUS);
        assertThat(restartApp()).isEqualTo("up as " + role);
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        project.putSecret("prod", "/db", "DB_PASSWORD", "not-the-real-one");
        RotationException e = catchThrowableOfType(RotationException.class, () -> rotation().build().rotate());
        assertThat(e.getMessage()).contains("could not connect to PostgreSQL", "28P01", "nothing was changed")
                .doesNotContain("not-the-real-one");
        assertThat(e.database()).isEqualTo(PasswordState.PREVIOUS);
        assertThat(infisicalValue()).isEqualTo("not-the-real-one");
    }

    @Test
    void anAdminDataSourceCanChangeARoleWhoseCurrentPasswordIsLost() throws Exception {
        project.putSecret("prod", "/db", "DB_PASSWORD", "lost-or-wrong");
        rotation().adminDataSource(pg.superuser()).build().rotate();
        assertThat(restartApp()).isEqualTo("up as " + role);
    }

    @Test
    void liveCredentialsDataSourceOpensNewConnectionsWithTheRotatedPassword() throws Exception {
        org.postgresql.ds.PGSimpleDataSource target = new org.postgresql.ds.PGSimpleDataSource();
        target.setUrl(pg.jdbcUrl());
        try (LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(project.id()), "prod", "/db"))
                .resyncInterval(Duration.ZERO).start()) {
            LiveCredentialsDataSource ds = LiveCredentialsDataSource.builder(target, live)
                    .username(role).passwordKey("DB_PASSWORD").build();
            try (Connection before = ds.getConnection()) {
                rotation().build().rotate();
                // until the live view refreshes it still hands out the old password, which PostgreSQL now refuses
                assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
                live.refreshNow();
                try (Connection after = ds.getConnection()) {
                    assertThat(currentUser(after)).isEqualTo(role);
                }
                assertThat(currentUser(before)).isEqualTo(role);
            }
            assertThat(ds.toString()).doesNotContain(INITIAL).doesNotContain(infisicalValue());
        }
    }
}
