package dev.infisicalpro.examples.rotation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * A Spring Boot app whose HikariCP pool logs in to PostgreSQL with {@code DB_USERNAME} / {@code DB_PASSWORD}
 * from Infisical. Rotate the password with {@code PostgresRotation} (or {@code infisical-pro rotate postgres})
 * while it runs: no restart, no failed query. Needs a real Infisical and PostgreSQL
 * ({@code INFISICAL_API_URL}, {@code INFISICAL_TOKEN}, {@code infisical.project-id}, {@code infisical.env-slug},
 * {@code spring.datasource.url}); its test supplies both.
 */
@SpringBootApplication
public class RotationExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(RotationExampleApplication.class, args);
    }

    /** What the app does with the database: here, ask who it is logged in as, on which backend. */
    @Service
    public static class Whoami {
        private final JdbcTemplate jdbc;

        public Whoami(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** The backend process id of the connection that ran the query. */
        public int backendPid() {
            Integer pid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
            return pid == null ? -1 : pid;
        }
    }
}
