package dev.infisicalpro.examples.springboot4;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class Boot4ApplicationTest {

    static final FakeInfisical FAKE = FakeInfisical.start();
    static final FakeProject PROJECT = FAKE.createProject("demo");

    static {
        // config imports are processed before @DynamicPropertySource or initializers run: set the
        // settings before the context starts
        PROJECT.createFolder("dev", "/app");
        PROJECT.putSecret("dev", "/app", "DB_PASSWORD", "boot4-db-password");
        PROJECT.putSecret("dev", "/app", "API_KEY", "boot4-key-1");
        PROJECT.putSecret("dev", "/app", "SPRING_DATASOURCE_USERNAME", "boot4");
        PROJECT.putSecret("dev", "/app", "SPRING_DATASOURCE_PASSWORD", "boot4-ds-password");
        System.setProperty("infisical.host-api", FAKE.url());
        System.setProperty("infisical.env-slug", "dev");
        System.setProperty("infisical.resync-interval", "0");
        System.setProperty("infisical.auth.service-token", PROJECT.createServiceToken("boot4",
                List.of(TokenScope.of("dev", "/**")), EnumSet.of(Permission.READ)).token());
    }

    @AfterAll
    static void stop() {
        // other test classes in this JVM must not inherit these settings
        for (String key : List.of("infisical.host-api", "infisical.env-slug", "infisical.resync-interval",
                "infisical.auth.service-token")) {
            System.clearProperty(key);
        }
        FAKE.close();
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
    Environment environment;
    @Autowired
    Boot4Application.PasswordHolder passwordHolder;
    @Autowired
    Boot4Application.DataSourceSettings dataSource;
    @Autowired
    Boot4Application.ApiKeyHolder apiKeyHolder;
    @Autowired
    LiveSecrets live;
    @Autowired
    Changes changes;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void healthContributorInfisicalIsUpWithDetailsOnTheBoot4HealthApi() {
        org.springframework.boot.health.registry.HealthContributorRegistry registry =
                context.getBean(org.springframework.boot.health.registry.HealthContributorRegistry.class);
        org.springframework.boot.health.contributor.HealthIndicator infisical =
                (org.springframework.boot.health.contributor.HealthIndicator) registry.getContributor("infisical");

        org.springframework.boot.health.contributor.Health health = infisical.health();
        assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
        assertThat(health.getDetails()).containsKeys("age", "stale", "consecutiveFailures", "lastSuccess");
        assertThat(infisical.health(false).getDetails()).isEmpty();
    }

    @Test
    void actuatorEnvMasksInfisicalValuesOnBoot4() {
        org.springframework.boot.actuate.env.EnvironmentEndpoint endpoint = new org.springframework.boot.actuate.env
                .EnvironmentEndpoint(environment, context.getBeanProvider(
                        org.springframework.boot.actuate.endpoint.SanitizingFunction.class).orderedStream().toList(),
                org.springframework.boot.actuate.endpoint.Show.ALWAYS);

        Object value = endpoint.environmentEntry("DB_PASSWORD").getProperty().getValue();

        assertThat(value).isEqualTo("******");
    }

    @Test
    void runsOnSpringBoot4() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
    }

    @Test
    void importFeedsValueAndConfigurationProperties() {
        assertThat(passwordHolder.password()).isEqualTo("boot4-db-password");
        assertThat(environment.getProperty("db.password")).isEqualTo("boot4-db-password");
        assertThat(dataSource.getUsername()).isEqualTo("boot4");
        assertThat(dataSource.getPassword()).isEqualTo("boot4-ds-password");
    }

    @Test
    void aRefreshUpdatesTheEnvironmentPublishesTheEventAndRebuildsRefreshScopedBeans() throws Exception {
        assertThat(apiKeyHolder.key()).isEqualTo("boot4-key-1");
        PROJECT.putSecret("dev", "/app", "API_KEY", "boot4-key-2");

        live.refreshNow();
        InfisicalSecretsChangedEvent event = changes.next.get(10, TimeUnit.SECONDS);

        assertThat(event.keys()).containsExactly("API_KEY");
        assertThat(environment.getProperty("API_KEY")).isEqualTo("boot4-key-2");
        assertThat(apiKeyHolder.key()).isEqualTo("boot4-key-2");
    }
}
