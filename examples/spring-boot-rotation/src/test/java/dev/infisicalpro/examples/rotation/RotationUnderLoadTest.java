package dev.infisicalpro.examples.rotation;

import com.zaxxer.hikari.HikariDataSource;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretUpdate;
import dev.infisicalpro.rotation.PostgresRotation;
import dev.infisicalpro.rotation.RotationStep;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof: the app runs 4 threads of queries through its HikariCP pool against a real PostgreSQL
 * while the password is rotated 20 times in the safe order (database, then Infisical) with a 200 ms resync:
 * no query fails, and every rotation reaches new connections. Then the field guide's wrong order
 * (Infisical first, ALTER USER after the "wait for sync") under the same load: new connections are refused
 * until ALTER runs, and queries fail exactly as predicted. Numbers go to
 * {@code target/rotation-under-load.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotationUnderLoadTest {

    private static final String ROLE = "shop";
    private static final String INITIAL = "initial-canary-5cQ2-DO-NOT-LEAK";
    private static final int ROTATIONS = 20;
    private static final int THREADS = 4;
    private static final List<String> REPORT = Collections.synchronizedList(new ArrayList<>());

    private static TestPostgres pg;
    private static FakeInfisical fake;
    private static FakeProject project;
    private static InfisicalClient rotator;
    private static Scope scope;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        pg = TestPostgres.start();
        pg.sql("create role " + ROLE + " login password '" + INITIAL + "'");
        fake = FakeInfisical.start();
        project = fake.createProject("shop");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_USERNAME", ROLE);
        project.putSecret("dev", "/app", "DB_PASSWORD", INITIAL);
        String token = project.createServiceToken("app", List.of(TokenScope.of("dev", "/**")),
                EnumSet.of(Permission.READ)).token();
        UniversalAuthCredentials ops = project.createUniversalAuthIdentity("rotator", Role.ADMIN,
                Duration.ofHours(1), Duration.ofHours(2));
        rotator = InfisicalClient.builder().host(fake.url())
                .credentials(Credentials.universalAuth(ops.clientId(), ops.clientSecret())).build();
        scope = Scope.of(ProjectRef.id(project.id()), "dev", "/app");

        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        appToken = token;
        app = new SpringApplicationBuilder(RotationExampleApplication.class).web(WebApplicationType.NONE)
                .run(appArgs());
    }

    private static String appToken;

    private static String[] appArgs(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--infisical.host-api=" + fake.url(),
                "--infisical.project-id=" + project.id(),
                "--infisical.env-slug=dev",
                "--infisical.auth.service-token=" + appToken,
                "--infisical.resync-interval=200ms",
                "--spring.datasource.url=" + pg.jdbcUrl(),
                "--spring.datasource.hikari.maximum-pool-size=" + THREADS,
                "--spring.datasource.hikari.minimum-idle=" + THREADS,
                // a refused login shows up as a failed query within a second, not after the default 30 s
                "--spring.datasource.hikari.connection-timeout=1000"));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (rotator != null) {
            rotator.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (pg != null) {
            pg.close();
        }
        Path out = Path.of("target", "rotation-under-load.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, REPORT);
    }

    /** Four threads querying through the app's pool until stopped; failures keep their SQLState chain. */
    static final class Load implements AutoCloseable {
        final AtomicLong ok = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Load(RotationExampleApplication.Whoami whoami) {
            for (int i = 0; i < THREADS; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            whoami.backendPid();
                            ok.incrementAndGet();
                        } catch (RuntimeException e) {
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

    /** The SQLStates along the cause chain, e.g. "08001 <- 28P01" for a refused login inside a pool timeout. */
    static String sqlStates(Throwable e) {
        List<String> states = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                states.add(s.getSQLState());
            }
        }
        return states.isEmpty() ? e.getClass().getSimpleName() : String.join(" <- ", states);
    }

    /** Backends the app's pool holds (the rotation's own sessions are named and left out), with their start. */
    private static List<Object[]> poolBackends() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = pg.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pid, backend_start from pg_stat_activity where usename = '" + ROLE
                     + "' and application_name <> 'infisical-pro rotation'")) {
            while (r.next()) {
                rows.add(new Object[] {r.getInt(1), r.getTimestamp(2).toInstant()});
            }
        }
        return rows;
    }

    private static Set<Integer> pids(List<Object[]> rows) {
        Set<Integer> out = new HashSet<>();
        rows.forEach(r -> out.add((Integer) r[0]));
        return out;
    }

    @Test
    @Order(1)
    void twentyRotationsInTheSafeOrderUnderLoadFailNoQuery() throws Exception {
        HikariDataSource pool = app.getBean(HikariDataSource.class);
        List<Long> propagationMillis = new ArrayList<>();
        List<String> passwords = new ArrayList<>(List.of(INITIAL));
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(new java.util.logging.SimpleFormatter().formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("dev.infisicalpro").addHandler(capture);
        int evicted = 0;
        Load load = new Load(app.getBean(RotationExampleApplication.Whoami.class));
        try (load) {
            awaitPoolFull();
            for (int i = 0; i < ROTATIONS; i++) {
                Set<Integer> before = pids(poolBackends());
                Instant[] written = new Instant[1];
                PostgresRotation.builder(rotator, scope, "DB_PASSWORD").jdbcUrl(pg.jdbcUrl()).role(ROLE)
                        .onStep(step -> {
                            if (step == RotationStep.INFISICAL_WRITTEN) {
                                written[0] = Instant.now();
                            }
                        })
                        .build().rotate();

                // propagation: from the Infisical write until the pool holds a connection opened after it
                // (which can only have logged in with the new password: PostgreSQL refuses the old one)
                Instant firstNew = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                Set<Integer> now = before;
                while (System.nanoTime() < deadline) {
                    List<Object[]> rows = poolBackends();
                    now = pids(rows);
                    firstNew = rows.stream().map(r -> (Instant) r[1]).filter(t -> t.isAfter(written[0]))
                            .min(Instant::compareTo).orElse(null);
                    if (firstNew != null && Collections.disjoint(now, before)) {
                        break;
                    }
                    sleepMillis(10);
                }
                assertThat(firstNew).as("rotation %d reached a new connection", i + 1).isNotNull();
                assertThat(now).as("rotation %d retired every connection made with the old password", i + 1)
                        .doesNotContainAnyElementsOf(before);
                propagationMillis.add(Duration.between(written[0], firstNew).toMillis());
                passwords.add(project.secretValue("dev", "/app", "DB_PASSWORD").orElseThrow());
                evicted += before.size();
            }
            sleepMillis(300);
        }
        assertThat(pool.getPassword()).isEqualTo(project.secretValue("dev", "/app", "DB_PASSWORD").orElseThrow());
        List<Long> sorted = new ArrayList<>(propagationMillis);
        Collections.sort(sorted);
        REPORT.add("safe order (database, then Infisical): " + ROTATIONS + " rotations, " + THREADS
                + " query threads, resync 200 ms");
        REPORT.add("  propagation Infisical write -> first new connection on the new password: median "
                + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms, all " + propagationMillis);
        REPORT.add("  connections evicted (opened with an old password, then retired): " + evicted);
        REPORT.add("  queries: " + load.ok.get() + " succeeded, " + load.failures.size() + " failed "
                + new ArrayList<>(load.failures));
        assertThat(load.failures).as("failed queries during safe rotations").isEmpty();
        assertThat(load.ok.get()).isPositive();
        java.util.logging.Logger.getLogger("dev.infisicalpro").removeHandler(capture);
        assertThat(logged).anySatisfy(m -> assertThat(m).contains("now opens connections with the refreshed"));
        for (String password : passwords) {
            assertThat(String.join("\n", logged)).doesNotContain(password);
        }
    }

    @Test
    @Order(3)
    void withTheOptOutThePoolKeepsItsStartupPasswordUntilARestart() throws Exception {
        String before = project.secretValue("dev", "/app", "DB_PASSWORD").orElseThrow();
        try (ConfigurableApplicationContext optedOut = new SpringApplicationBuilder(RotationExampleApplication.class)
                .web(WebApplicationType.NONE).run(appArgs("--infisical.datasource.refresh-credentials=false"))) {
            HikariDataSource pool = optedOut.getBean(HikariDataSource.class);
            optedOut.getBean(RotationExampleApplication.Whoami.class).backendPid();

            PostgresRotation.builder(rotator, scope, "DB_PASSWORD").jdbcUrl(pg.jdbcUrl()).role(ROLE).build().rotate();
            sleepMillis(1_000);   // five resync intervals

            assertThat(optedOut.getBeanNamesForType(Class.forName(
                    "dev.infisicalpro.spring.boot.InfisicalDataSourceCredentials"))).isEmpty();
            assertThat(pool.getPassword()).isEqualTo(before);
            // the running app (not opted out) followed the rotation
            assertThat(app.getBean(HikariDataSource.class).getPassword())
                    .isEqualTo(project.secretValue("dev", "/app", "DB_PASSWORD").orElseThrow()).isNotEqualTo(before);
        }
    }

    @Test
    @Order(2)
    void theGuidesWrongOrderUnderTheSameLoadFailsQueriesUntilAlterUserRuns() throws Exception {
        Load load = new Load(app.getBean(RotationExampleApplication.Whoami.class));
        int rounds = 2;
        long okSoFar;
        try (load) {
            awaitPoolFull();
            for (int i = 0; i < rounds; i++) {
                String next = "wrong-order-" + i + "-" + INITIAL;
                // 1. Infisical first; the app picks it up within a resync and hands it to the pool...
                rotator.secrets().update(scope, "DB_PASSWORD", SecretUpdate.value(next));
                // 2. ...while the operator "waits for the sync" before running ALTER USER
                sleepMillis(2_000);
                // 3. ALTER USER at last
                try (Connection su = pg.superuser().getConnection()) {
                    su.unwrap(PGConnection.class).alterUserPassword(ROLE, next.toCharArray(), "scram-sha-256");
                }
                awaitPoolFull();
            }
            okSoFar = load.ok.get();
            sleepMillis(300);
            // after ALTER USER the pool recovers without a restart
            assertThat(load.ok.get()).as("queries succeed again after ALTER USER").isGreaterThan(okSoFar);
        }
        List<String> failures = new ArrayList<>(load.failures);
        REPORT.add("wrong order (Infisical, wait for sync 2 s, then ALTER USER): " + rounds + " rounds, same load");
        REPORT.add("  queries: " + load.ok.get() + " succeeded, " + failures.size() + " failed; SQLStates "
                + new java.util.TreeMap<>(failures.stream().collect(java.util.stream.Collectors.groupingBy(
                        f -> f, java.util.stream.Collectors.counting()))));
        // the guide's prediction: new logins with the not-yet-valid password are refused (28P01), so
        // queries that need a new connection fail until ALTER USER runs
        assertThat(failures).as("the wrong order fails queries").isNotEmpty();
        assertThat(failures).anySatisfy(f -> assertThat(f).contains("28P01"));
        assertThat(failures).as("every failure is a connection that could not be opened")
                .allSatisfy(f -> assertThat(f).containsPattern("28P01|08\\d\\d"));
    }

    private static void awaitPoolFull() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (poolBackends().size() < THREADS) {
            assertThat(System.nanoTime()).as("pool filled").isLessThan(deadline);
            sleepMillis(20);
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
