package dev.infisicalpro.spring.boot;

import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A small Boot app reading Infisical secrets every way an application would. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties({TestApp.DataSourceSettings.class, TestApp.AppSettings.class})
public class TestApp {

    @Bean
    PasswordHolder passwordHolder(@Value("${DB_PASSWORD:<none>}") String password) {
        return new PasswordHolder(password);
    }

    @Bean
    @RefreshScope
    ApiKeyHolder apiKeyHolder(@Value("${API_KEY:<none>}") String key) {
        return new ApiKeyHolder(key);
    }

    @Bean
    Events events() {
        return new Events();
    }

    public record PasswordHolder(String password) {
    }

    public static class ApiKeyHolder {
        private final String key;

        public ApiKeyHolder(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public static class Events {
        public final CompletableFuture<InfisicalSecretsChangedEvent> changed = new CompletableFuture<>();

        @EventListener
        public void on(InfisicalSecretsChangedEvent event) {
            changed.complete(event);
        }
    }

    @ConfigurationProperties("spring.datasource")
    public static class DataSourceSettings {
        private String password;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    @ConfigurationProperties("app")
    public static class AppSettings {
        private String apiKey;
        private Duration timeout;

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
