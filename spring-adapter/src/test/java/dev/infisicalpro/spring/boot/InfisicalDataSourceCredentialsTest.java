package dev.infisicalpro.spring.boot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.Demo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Boot app whose HikariCP pool takes {@code spring.datasource.password} from Infisical
 * ({@code SPRING_DATASOURCE_PASSWORD} in the Demo project), against a real PostgreSQL: after a rotation in
 * the safe order and a refresh, the pool opens connections with the new password and retires the old
 * ones, without a restart.
 */
class InfisicalDataSourceCredentialsTest extends ImportTestBase {

    private static final String ROLE = "shop";
    private static final String STARTUP_PASSWORD = "ds-" + Demo.CANARY;
    private static final String ROTATED = "rotated-" + Demo.CANARY;
    private static TestPostgres pg;

    @BeforeAll
    static void startPostgres() {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    /** What DataSourceAutoConfiguration does for Hikari (spring-jdbc is not on this module's class path). */
    @Configuration(proxyBeanMethods = false)
    static class Pool {
        @Bean(destroyMethod = "close")
        HikariDataSource dataSource(Environment env) {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(env.getProperty("spring.datasource.url"));
            c.setUsername(env.getProperty("spring.datasource.username"));
            c.setPassword(env.getProperty("spring.datasource.password"));
            c.setMinimumIdle(3);
            c.setMaximumPoolSize(3);
            return new HikariDataSource(c);
        }
    }

    private HikariDataSource start(String... more) throws SQLException {
        pg.sql("drop role if exists " + ROLE);
        pg.sql("create role " + ROLE + " login password '" + STARTUP_PASSWORD + "'");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("spring.config.import=infisical:/app",
                "spring.datasource.url=" + pg.jdbcUrl(), "spring.datasource.username=" + ROLE));
        args.addAll(java.util.List.of(more));
        context = new SpringApplicationBuilder(TestApp.class, Pool.class).web(WebApplicationType.NONE)
                .run(demo.args(args.toArray(new String[0])));
        HikariDataSource pool = context.getBean(HikariDataSource.class);
        try (Connection c = pool.getConnection()) {
            assertThat(user(c)).isEqualTo(ROLE);
        }
        return pool;
    }

    /** The safe order by hand: PostgreSQL first, then Infisical, then the app's next refresh. */
    private void rotateSafely() throws Exception {
        try (Connection su = pg.superuser().getConnection()) {
            su.unwrap(PGConnection.class).alterUserPassword(ROLE, ROTATED.toCharArray(), "scram-sha-256");
        }
        demo.project.putSecret("dev", "/app", "SPRING_DATASOURCE_PASSWORD", ROTATED);
        context.getBean(LiveSecrets.class).refreshNow();
        context.getBean(TestApp.Events.class).changed.get(10, TimeUnit.SECONDS);
    }

    private static String user(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select current_user")) {
            r.next();
            return r.getString(1);
        }
    }

    private static Set<Integer> backends() throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (Connection c = pg.superuser().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pid from pg_stat_activity where usename = '" + ROLE + "'")) {
            while (r.next()) {
                pids.add(r.getInt(1));
            }
        }
        return pids;
    }

    /** The backends of the pool once it has opened all three connections. */
    private static Set<Integer> fullPool() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (backends().size() < 3) {
            assertThat(System.nanoTime()).as("pool filled").isLessThan(deadline);
            Thread.sleep(20);
        }
        return backends();
    }

    @Test
    void theRunningPoolTakesTheRotatedPasswordAndRetiresItsOldConnections() throws Exception {
        try (Demo.LogCapture log = new Demo.LogCapture("dev.infisicalpro.spring")) {
            HikariDataSource pool = start();
            Connection busy = pool.getConnection();   // in use during the rotation: must finish its work
            Set<Integer> before = fullPool();

            rotateSafely();

            assertThat(user(busy)).isEqualTo(ROLE);
            busy.close();
            // every connection opened with the old password is gone, the pool refilled with the new one
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!java.util.Collections.disjoint(backends(), before) || backends().size() < 1) {
                assertThat(System.nanoTime()).as("old connections retired").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (Connection c = pool.getConnection()) {
                assertThat(user(c)).isEqualTo(ROLE);
            }
            assertThat(log.messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("now opens connections"));
            assertThat(String.join("\n", log.messages(Level.ALL))).doesNotContain(Demo.CANARY);
        }
    }

    @Test
    void optingOutLeavesThePoolOnItsStartupCredentials() throws Exception {
        HikariDataSource pool = start("infisical.datasource.refresh-credentials=false");
        Set<Integer> before = fullPool();

        rotateSafely();

        assertThat(context.getBeansOfType(InfisicalDataSourceCredentials.class)).isEmpty();
        assertThat(backends()).containsAll(before);
        // the pool would open new connections with the old password, which PostgreSQL now refuses
        assertThat(pool.getPassword()).isEqualTo(STARTUP_PASSWORD);
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(pg.jdbcUrl(), ROLE, pool.getPassword()).close())
                .isInstanceOf(SQLException.class);
    }
}
