package dev.infisicalpro.examples.springboot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.env.show-values=always")
class DemoApplicationTest {

    static {
        // what main() does: the embedded server must run before Spring processes spring.config.import
        EmbeddedInfisical.startIfNeeded();
    }

    @TestConfiguration
    static class Changes {
        final CompletableFuture<InfisicalSecretsChangedEvent> next = new CompletableFuture<>();

        @Bean
        Changes changes() {
            return this;
        }

        @EventListener
        void on(InfisicalSecretsChangedEvent event) {
            next.complete(event);
        }
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    DataSourceSettings dataSource;
    @Autowired
    ApiClient apiClient;
    @Autowired
    LiveSecrets live;
    @Autowired
    Environment environment;
    @Autowired
    Changes changes;

    @Test
    void datasourceCredentialsComeFromInfisical() {
        assertThat(dataSource.getUsername()).isEqualTo("demo");
        assertThat(dataSource.getPassword()).isEqualTo("demo-datasource-password");
        assertThat(dataSource.getUrl()).isEqualTo("jdbc:postgresql://localhost:5432/demo");
    }

    @Test
    void secretsUnderOwnNameAliasAndThroughAnImport() {
        assertThat(environment.getProperty("DB_PASSWORD")).isEqualTo("demo-db-password");
        assertThat(environment.getProperty("db.password")).isEqualTo("demo-db-password");
        assertThat(environment.getProperty("support.email")).isEqualTo("support@example.com");
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthShowsTheInfisicalContributor() {
        Map<String, Object> health = rest.getForObject("/actuator/health", Map.class);
        Map<String, Object> infisical = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("infisical");

        assertThat(infisical.get("status")).isEqualTo("UP");
        assertThat((Map<String, Object>) infisical.get("details")).containsKeys("age", "stale", "lastSuccess");
    }

    @Test
    void actuatorEnvAndStatusNeverShowSecretValues() {
        String env = rest.getForObject("/actuator/env", String.class);
        String configprops = rest.getForObject("/actuator/configprops", String.class);
        String status = rest.getForObject("/status", String.class);

        assertThat(env).contains("infisical:/app", "******");
        for (String body : new String[] {env, configprops, status}) {
            assertThat(body).doesNotContain("demo-db-password", "demo-datasource-password", "demo-api-key");
        }
        assertThat(status).contains("\"datasourcePasswordSet\":true");
    }

    @Test
    void aChangedSecretReachesTheRefreshScopedBeanWithoutRestart() throws Exception {
        String before = apiClient.keyFingerprint();
        EmbeddedInfisical.project().orElseThrow().putSecret("dev", "/app", "API_KEY", "demo-api-key-2");

        live.refreshNow();   // what the 30 s background refresh does
        InfisicalSecretsChangedEvent event = changes.next.get(10, TimeUnit.SECONDS);

        assertThat(event.keys()).containsExactly("API_KEY");
        assertThat(apiClient.keyFingerprint()).isNotEqualTo(before);
        assertThat(rest.getForObject("/status", Map.class).get("apiKeyFingerprint")).isEqualTo(apiClient.keyFingerprint());
    }
}
