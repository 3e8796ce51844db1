package dev.infisicalpro.examples.quarkusds;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretUpdate;
import dev.infisicalpro.rotation.PostgresRotation;
import dev.infisicalpro.rotation.RotationStep;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Quarkus side of the rotation proof: Agroal asks the Infisical credentials provider for the password
 * at every new connection, against a real PostgreSQL. Rotations in the safe order under 4 threads of
 * queries fail none; the guide's wrong order fails new logins with 28P01 until ALTER USER runs.
 */
@QuarkusTest
@WithTestResource(InfisicalResource.class)
@WithTestResource(RotationPostgresResource.class)
class LiveDatasourceCredentialsTest {

    private static final int THREADS = 4;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "infisical.host-api")
    String infisicalUrl;

    @ConfigProperty(name = "test.rotator.client-id")
    String rotatorId;

    @ConfigProperty(name = "test.rotator.client-secret")
    String rotatorSecret;

    @ConfigProperty(name = "test.project-id")
    String projectId;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private InfisicalClient rotator() {
        return InfisicalClient.builder().host(infisicalUrl)
                .credentials(Credentials.universalAuth(rotatorId, rotatorSecret)).build();
    }

    private Scope scope() {
        return Scope.of(ProjectRef.id(projectId), "dev", "/app");
    }

    /** The DBA's connection: the superuser is trusted from loopback. */
    private Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    /** Four threads of queries through the injected datasource. */
    final class Load implements AutoCloseable {
        final AtomicLong ok = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load() {
            for (int i = 0; i < THREADS; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                             ResultSet r = s.executeQuery("select pg_backend_pid()")) {
                            r.next();
                            ok.incrementAndGet();
                        } catch (SQLException e) {
                            failures.add(sqlStates(e));
                        }
                        sleepMillis(2);
                    }
                }, "load-" + i);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    static String sqlStates(Throwable e) {
        List<String> states = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                states.add(s.getSQLState());
            }
        }
        return states.isEmpty() ? e.getClass().getSimpleName() : String.join(" <- ", states);
    }

    /** Start time of the first backend of the datasource opened after {@code after}, if any yet. */
    private Optional<Instant> firstBackendAfter(Instant after) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select backend_start from pg_stat_activity where usename = '"
                     + RotationPostgresResource.ROLE + "' and application_name <> 'infisical-pro rotation'")) {
            Instant first = null;
            while (r.next()) {
                Instant t = r.getTimestamp(1).toInstant();
                if (t.isAfter(after) && (first == null || t.isBefore(first))) {
                    first = t;
                }
            }
            return Optional.ofNullable(first);
        }
    }

    @Test
    void rotationsInTheSafeOrderUnderLoadFailNoQueryAndReachNewConnections() throws Exception {
        int rotations = 5;
        List<Long> propagation = new ArrayList<>();
        Load load = new Load();
        try (InfisicalClient rotator = rotator(); load) {
            for (int i = 0; i < rotations; i++) {
                Instant[] written = new Instant[1];
                PostgresRotation.builder(rotator, scope(), "DB_PASSWORD")
                        .jdbcUrl(jdbcUrl).role(RotationPostgresResource.ROLE)
                        .onStep(step -> {
                            if (step == RotationStep.INFISICAL_WRITTEN) {
                                written[0] = Instant.now();
                            }
                        })
                        .build().rotate();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                Optional<Instant> first = Optional.empty();
                while (first.isEmpty() && System.nanoTime() < deadline) {
                    first = firstBackendAfter(written[0]);
                    sleepMillis(10);
                }
                assertTrue(first.isPresent(), "rotation " + (i + 1) + " reached a new connection");
                propagation.add(Duration.between(written[0], first.get()).toMillis());
            }
            sleepMillis(300);
        }
        List<Long> sorted = new ArrayList<>(propagation);
        Collections.sort(sorted);
        System.out.println("quarkus safe order: " + rotations + " rotations, " + THREADS + " threads, resync 200 ms, "
                + "max-lifetime 1 s: queries " + load.ok.get() + " ok, " + load.failures.size() + " failed "
                + load.failures + "; propagation write -> first new connection median " + sorted.get(sorted.size() / 2)
                + " ms, max " + sorted.get(sorted.size() - 1) + " ms, all " + propagation);
        assertTrue(load.failures.isEmpty(), "failed queries: " + load.failures);
        assertTrue(load.ok.get() > 0);
    }

    @Test
    void theGuidesWrongOrderMakesNewConnectionsFailUntilAlterUserRuns() throws Exception {
        String next = "wrong-order-" + System.nanoTime();
        try (InfisicalClient rotator = rotator()) {
            rotator.secrets().update(scope(), "DB_PASSWORD", SecretUpdate.value(next));
            sleepMillis(1_000);   // five resync intervals: the app now hands Agroal a password PostgreSQL does not know
            dataSource.flush(AgroalDataSource.FlushMode.ALL);
            SQLException refused = null;
            try (Connection c = dataSource.getConnection()) {
                c.isValid(1);
            } catch (SQLException e) {
                refused = e;
            }
            assertTrue(refused != null && sqlStates(refused).contains("28P01"),
                    "a new connection is refused with 28P01, as the guide predicts: " + (refused == null ? "none"
                            : sqlStates(refused)));
            try (Connection su = superuser()) {
                su.unwrap(PGConnection.class).alterUserPassword(RotationPostgresResource.ROLE, next.toCharArray(),
                        "scram-sha-256");
            }
            try (Connection c = dataSource.getConnection()) {
                assertTrue(c.isValid(1), "after ALTER USER new connections work again, without a restart");
            }
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
