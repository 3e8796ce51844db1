package dev.infisicalpro.spring.boot;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.util.Credentials;
import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gives HikariCP pools the rotated {@code spring.datasource.username} / {@code password} after an
 * Infisical refresh: the pool opens new connections with them, idle connections are closed at once and
 * busy ones when they are returned (soft eviction), so no query is cut off and no restart or
 * {@code @RefreshScope} is needed. A pool is updated only when it still uses the previous values of those
 * properties, so pools configured some other way are left alone. Not API: see
 * {@link InfisicalDataSourceCredentialsAutoConfiguration}.
 */
final class InfisicalDataSourceCredentials implements ApplicationListener<InfisicalSecretsChangedEvent> {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.spring");
    static final String USERNAME = "spring.datasource.username";
    static final String PASSWORD = "spring.datasource.password";

    private final Environment environment;
    private final ObjectProvider<DataSource> dataSources;
    private String username;
    private String password;

    InfisicalDataSourceCredentials(Environment environment, ObjectProvider<DataSource> dataSources) {
        this.environment = environment;
        this.dataSources = dataSources;
        this.username = environment.getProperty(USERNAME);
        this.password = environment.getProperty(PASSWORD);
    }

    @Override
    public synchronized void onApplicationEvent(InfisicalSecretsChangedEvent event) {
        // the environment already shows the refreshed values; placeholders such as ${DB_PASSWORD} resolve too
        String newUsername = environment.getProperty(USERNAME);
        String newPassword = environment.getProperty(PASSWORD);
        if (Objects.equals(newUsername, username) && Objects.equals(newPassword, password)) {
            return;
        }
        for (HikariDataSource pool : hikariPools()) {
            if (Objects.equals(pool.getUsername(), username) && Objects.equals(pool.getPassword(), password)) {
                update(pool, newUsername, newPassword);
            }
        }
        username = newUsername;
        password = newPassword;
    }

    private static void update(HikariDataSource pool, String newUsername, String newPassword) {
        HikariConfigMXBean config = pool.getHikariConfigMXBean();
        // both at once: a connection opened in between must not pair the new user with the old password
        config.setCredentials(Credentials.of(newUsername, newPassword));
        HikariPoolMXBean running = pool.getHikariPoolMXBean();
        int retired = 0;
        if (running != null) {
            retired = running.getTotalConnections();
            running.softEvictConnections();
        }
        LOG.log(System.Logger.Level.INFO, "Infisical: pool ''{0}'' now opens connections with the refreshed "
                + "spring.datasource credentials; {1} existing connection(s) retire when idle", pool.getPoolName(), retired);
    }

    private List<HikariDataSource> hikariPools() {
        List<HikariDataSource> pools = new ArrayList<>();
        dataSources.orderedStream().forEach(ds -> {
            try {
                if (ds instanceof HikariDataSource h) {
                    pools.add(h);
                } else if (ds.isWrapperFor(HikariDataSource.class)) {
                    pools.add(ds.unwrap(HikariDataSource.class));
                }
            } catch (SQLException | RuntimeException e) {
                // a data source that cannot say what it wraps is not one we configured
            }
        });
        return pools;
    }
}
