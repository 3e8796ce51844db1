package dev.infisicalpro.spring.boot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * Live database credentials for HikariCP: when an Infisical refresh changes what
 * {@code spring.datasource.password} (or {@code username}) resolves to, e.g. after a password rotation,
 * the pool takes the new values for new connections and retires the old ones as they become idle. No
 * {@code @RefreshScope} on the {@code DataSource}, no restart. Rotate in the safe order (database first,
 * then Infisical: {@code dev.infisicalpro.rotation.PostgresRotation}), so the pool never gets a password
 * the database does not know yet.
 *
 * <pre>{@code
 * spring.config.import=infisical:/app
 * spring.datasource.url=jdbc:postgresql://db:5432/app
 * spring.datasource.username=app
 * spring.datasource.password=${DB_PASSWORD}
 * infisical.resync-interval=30s
 * # on by default; to opt out:
 * # infisical.datasource.refresh-credentials=false
 * }</pre>
 */
@AutoConfiguration(after = InfisicalAutoConfiguration.class)
@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
@ConditionalOnProperty(name = {"infisical.enabled", "infisical.datasource.refresh-credentials"}, havingValue = "true",
        matchIfMissing = true)
public class InfisicalDataSourceCredentialsAutoConfiguration {
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalDataSourceCredentialsAutoConfiguration() {
    }

    @Bean
    static InfisicalDataSourceCredentials infisicalDataSourceCredentials(Environment environment,
                                                                       ObjectProvider<DataSource> dataSources) {
        return new InfisicalDataSourceCredentials(environment, dataSources);
    }
}
