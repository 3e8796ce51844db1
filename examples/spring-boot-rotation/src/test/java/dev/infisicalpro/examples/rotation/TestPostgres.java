package dev.infisicalpro.examples.rotation;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL for the pool tests (zonky's binaries from Maven Central, free port). The superuser
 * {@code postgres} is trusted from loopback; every other role must present its SCRAM-SHA-256 password.
 */
final class TestPostgres implements AutoCloseable {

    private final EmbeddedPostgres pg;

    private TestPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static TestPostgres start() {
        try {
            return new TestPostgres(EmbeddedPostgres.builder()
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(dir -> {
                        try {
                            Files.writeString(dir.toPath().resolve("pg_hba.conf"), String.join("\n",
                                    "host all postgres 127.0.0.1/32 trust", "host all postgres ::1/128 trust",
                                    "host all all 127.0.0.1/32 scram-sha-256", "host all all ::1/128 scram-sha-256", ""));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start());
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

    void sql(String statement) throws SQLException {
        try (Connection c = superuser().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
