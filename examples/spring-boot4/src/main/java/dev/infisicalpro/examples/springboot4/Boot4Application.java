package dev.infisicalpro.examples.springboot4;

import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The smallest Spring Boot 4 app on Infisical: {@code spring.config.import=infisical:/app} plus
 * {@code infisical.host-api}, {@code infisical.env-slug} and one auth setting. The adapter jar is the
 * one compiled against Boot 3.5; this module proves it on Boot 4.0.
 */
@SpringBootApplication
@EnableConfigurationProperties(Boot4Application.DataSourceSettings.class)
public class Boot4Application {

    private static final System.Logger LOG = System.getLogger(Boot4Application.class.getName());

    public static void main(String[] args) {
        SpringApplication.run(Boot4Application.class, args);
    }

    @Bean
    CommandLineRunner report(DataSourceSettings dataSource) {
        return args -> LOG.log(System.Logger.Level.INFO, "datasource user " + dataSource.getUsername()
                + ", password " + (dataSource.getPassword() == null ? "missing" : "loaded from Infisical"));
    }

    /** {@code spring.datasource.*} bound from {@code SPRING_DATASOURCE_*} secrets. */
    @ConfigurationProperties("spring.datasource")
    public static class DataSourceSettings {
        private String username;
        private String password;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** Built with the {@code DB_PASSWORD} secret through {@code @Value}. */
    @Component
    public static class PasswordHolder {
        private final String password;

        public PasswordHolder(@Value("${DB_PASSWORD}") String password) {
            this.password = password;
        }

        public String password() {
            return password;
        }
    }

    /** Rebuilt with the current {@code API_KEY} after a change (spring-cloud-context). */
    @Component
    @RefreshScope
    public static class ApiKeyHolder {
        private final String key;

        public ApiKeyHolder(@Value("${API_KEY}") String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Logs which keys changed (never values). */
    @Component
    public static class ChangeLog {
        @EventListener
        public void on(InfisicalSecretsChangedEvent event) {
            LOG.log(System.Logger.Level.INFO, "Infisical secrets changed: " + event.keys());
        }
    }
}
