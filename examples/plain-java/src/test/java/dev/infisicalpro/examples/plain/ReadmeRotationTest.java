package dev.infisicalpro.examples.plain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.rotation.LiveCredentialsDataSource;
import dev.infisicalpro.rotation.OnWriteFailure;
import dev.infisicalpro.rotation.PostgresRotation;
import dev.infisicalpro.rotation.RotationResult;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's "Rotating database passwords" snippets against a real PostgreSQL and FakeInfisical. */
class ReadmeRotationTest {

    @Test
    void theReadmeRotationAndLivePoolWorkTogether(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(d -> {
                    try {
                        Files.writeString(d.toPath().resolve("pg_hba.conf"), "host all postgres 127.0.0.1/32 trust\n"
                                + "host all postgres ::1/128 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
                                + "host all all ::1/128 scram-sha-256\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
             FakeInfisical fake = FakeInfisical.start()) {
            try (Connection su = pg.getPostgresDatabase().getConnection(); Statement s = su.createStatement()) {
                s.execute("create role app login password 'first-password-canary'");
            }
            FakeProject project = fake.createProject("shop");
            project.putSecret("prod", "/app", "DB_PASSWORD", "first-password-canary");
            UniversalAuthCredentials ua = project.createUniversalAuthIdentity("ops", Role.ADMIN, Duration.ofHours(1),
                    Duration.ofHours(2));
            String projectId = project.id();
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";

            try (InfisicalClient client = InfisicalClient.builder().host(fake.url())
                    .credentials(Credentials.universalAuth(ua.clientId(), ua.clientSecret())).build();
                 LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(projectId), "prod", "/app"))
                         .resyncInterval(Duration.ZERO).start()) {

                // README:begin live-pool
                PGSimpleDataSource postgres = new PGSimpleDataSource();
                postgres.setUrl(jdbcUrl);
                HikariConfig config = new HikariConfig();
                config.setDataSource(LiveCredentialsDataSource.builder(postgres, live)
                        .username("app")
                        .passwordKey("DB_PASSWORD")          // read whenever the pool opens a connection
                        .build());
                HikariDataSource pool = new HikariDataSource(config);
                live.addListener(change -> {                 // optional: retire connections made with the old one
                    if (change.allKeys().contains("DB_PASSWORD")) {
                        pool.getHikariPoolMXBean().softEvictConnections();
                    }
                });
                // README:end live-pool

                try (pool) {
                    assertThat(currentUser(pool)).isEqualTo("app");
                    Path keepFile = dir.resolve("app-db.pw");

                    // README:begin rotation
                    RotationResult result = PostgresRotation
                            .builder(client, Scope.of(ProjectRef.id(projectId), "prod", "/app"), "DB_PASSWORD")
                            .jdbcUrl(jdbcUrl)                         // e.g. jdbc:postgresql://db:5432/app
                            .role("app")                              // logs in as itself with the current password
                            .previousValueKey("DB_PASSWORD_PREVIOUS") // optional record of the old value
                            .onWriteFailure(OnWriteFailure.keepNewPasswordIn(keepFile))   // default: roll back
                            .build()
                            .rotate();                                // database, login check, then Infisical
                    // README:end rotation

                    assertThat(result.writeAttempts()).isEqualTo(1);
                    assertThat(Files.exists(keepFile)).isFalse();
                    live.refreshNow();
                    // every connection from here on is new, so it can only have logged in with the new password
                    pool.getHikariPoolMXBean().softEvictConnections();
                    assertThat(currentUser(pool)).isEqualTo("app");
                    assertThat(project.secretValue("prod", "/app", "DB_PASSWORD_PREVIOUS")).contains("first-password-canary");
                    assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
                }
            }
        }
    }

    private static String currentUser(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_user")) {
            r.next();
            return r.getString(1);
        }
    }
}
