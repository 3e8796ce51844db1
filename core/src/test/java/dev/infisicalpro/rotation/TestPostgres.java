package dev.infisicalpro.rotation;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL for the tests (zonky's binaries from Maven Central, started on a free port), with
 * password logins that are actually checked: the superuser {@code postgres} is trusted from loopback,
 * every other role needs its SCRAM-SHA-256 password. The server log (every statement) goes to a file.
 */
final class TestPostgres implements AutoCloseable {

    private static final String HBA = String.join("\n",
            "host all postgres 127.0.0.1/32 trust",
            "host all postgres ::1/128 trust",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256", "");

    private final EmbeddedPostgres pg;
    private final Path serverLog;

    private TestPostgres(EmbeddedPostgres pg, Path serverLog) {
        this.pg = pg;
        this.serverLog = serverLog;
    }

    static TestPostgres start() {
        try {
            Path log = Files.createTempFile("rotation-pg-", ".log");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("log_statement", "all")
                    .setDataDirectoryCustomizer(dir -> {
                        try {
                            Files.writeString(dir.toPath().resolve("pg_hba.conf"), HBA);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new TestPostgres(pg, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    DataSource superuser() {
        return pg.getPostgresDatabase();
    }

    /** Creates a login role with a password (sent in plain text: test setup only). */
    void createRole(String role, String password) throws SQLException {
        try (Connection c = superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute("create role " + role + " login password '" + password + "'");
            s.execute("grant create on schema public to " + role);
        }
    }

    Connection login(String role, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, password);
    }

    String serverLog() throws IOException {
        return Files.readString(serverLog);
    }

    @Override
    public void close() throws IOException {
        pg.close();
        Files.deleteIfExists(serverLog);
    }
}
