package dev.infisicalpro.examples.quarkusds;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL for the datasource tests (zonky's binaries from Maven Central, free port; Dev Services
 * would need Docker). Role {@code shop} logs in with the {@code DB_PASSWORD} that {@link InfisicalResource} seeds, checked with
 * SCRAM-SHA-256; the superuser is trusted from loopback and plays the DBA.
 */
public class RotationPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** The role the datasource logs in as. */
    public static final String ROLE = "shop";

    private EmbeddedPostgres pg;

    private DataSource superuser() {
        return pg.getPostgresDatabase();
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    @Override
    public Map<String, String> start() {
        try {
            pg = EmbeddedPostgres.builder()
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
                    .start();
            try (Connection c = superuser().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role " + ROLE + " login password '" + InfisicalResource.INITIAL_PASSWORD + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", ROLE,
                "quarkus.datasource.jdbc.min-size", "4",
                "quarkus.datasource.jdbc.max-size", "4",
                // short, so the test sees connections replaced within seconds; production keeps 30 minutes
                "quarkus.datasource.jdbc.max-lifetime", "1S",
                "quarkus.datasource.jdbc.acquisition-timeout", "5S");
    }

    @Override
    public void stop() {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
