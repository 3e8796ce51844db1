package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.LiveRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InfisicalAutoConfigurationTest {

    Demo demo;
    ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(InfisicalAutoConfiguration.class, InfisicalActuatorAutoConfiguration.class));

    @BeforeEach
    void start() {
        demo = new Demo();
    }

    @AfterEach
    void stop() {
        demo.close();
        assertThat(LiveRegistry.size()).isZero();
    }

    private String[] settings() {
        return demo.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** What the config-data loader does for an import, without SpringApplication. */
    private ApplicationContextInitializer<ConfigurableApplicationContext> imported() {
        return ctx -> {
            Map<String, String> p = new HashMap<>();
            demo.properties().forEach((k, v) -> p.put(k, v.toString()));
            p.put("infisical.secrets-path", "/app");
            InfisicalSettings s = InfisicalSettings.load(PropertyLookup.of(p), PropertyLookup.of(Map.of()));
            LiveRegistry.Entry entry = LiveRegistry.acquire("test:" + demo.fake.port(), () -> {
                InfisicalClient client = s.newClient();
                return new LiveRegistry.Created(client, s.startLive(client));
            });
            ctx.getEnvironment().getPropertySources().addFirst(new InfisicalPropertySource("infisical:/app", entry.live()));
        };
    }

    @Test
    void importedClientAndLiveViewBecomeBeansWithHealthAndMasking() {
        runner.withInitializer(imported()).run(ctx -> {
            assertThat(ctx).hasSingleBean(InfisicalClient.class).hasSingleBean(LiveSecrets.class)
                    .hasSingleBean(InfisicalHealthIndicator.class).hasSingleBean(InfisicalSanitizingFunction.class)
                    .hasSingleBean(InfisicalProperties.class);
            assertThat(ctx.getBean(LiveSecrets.class))
                    .isSameAs(InfisicalPropertySource.in(ctx.getEnvironment()).get(0).live());
        });
    }

    @Test
    void disabledCreatesNothing() {
        runner.withInitializer(imported()).withPropertyValues("infisical.enabled=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(InfisicalClient.class).doesNotHaveBean(InfisicalHealthIndicator.class)
                    .doesNotHaveBean(InfisicalSanitizingFunction.class);
            // the import's entry was never adopted (auto-configuration off); release it like a failed start would
            LiveRegistry.releasePending();
        });
    }

    @Test
    void withoutImportOrCredentialsNoClient() {
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean(InfisicalClient.class).doesNotHaveBean(LiveSecrets.class));
    }

    @Test
    void blankCredentialsAsLeftByAnEmptyPlaceholderDefaultAreNotCredentials() {
        // e.g. infisical.auth.client-secret=${CLIENT_SECRET:} on a machine without the variable
        runner.withPropertyValues("infisical.auth.client-id= ", "infisical.auth.client-secret=", "infisical.env-slug=dev")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().doesNotHaveBean(InfisicalClient.class);
                    // the condition report tells the user why: not "settings could not be read"
                    String outcomes = ConditionEvaluationReport.get(ctx.getBeanFactory()).getConditionAndOutcomesBySource()
                            .values().stream().flatMap(o -> o.stream())
                            .map(o -> String.valueOf(o.getOutcome().getMessage())).reduce("", String::concat);
                    assertThat(outcomes).contains("no infisical: import and no Infisical credentials")
                            .doesNotContain("could not be read");
                });
    }

    @Test
    void withoutImportButWithCredentialsAClientOfTheSettings() {
        runner.withPropertyValues(settings()).run(ctx -> {
            assertThat(ctx).hasSingleBean(InfisicalClient.class).doesNotHaveBean(LiveSecrets.class);
            assertThat(ctx.getBean(InfisicalClient.class).apiUrl()).isEqualTo(demo.fake.apiUrl());
        });
    }

    @Test
    void anApplicationClientBeanWins() {
        runner.withPropertyValues(settings())
                .withBean("myClient", InfisicalClient.class, () -> InfisicalClient.builder().host(demo.fake.url())
                        .credentials(dev.infisicalpro.Credentials.accessToken("t")).build())
                .run(ctx -> assertThat(ctx).hasSingleBean(InfisicalClient.class).hasBean("myClient"));
    }

    @Test
    void worksWithoutActuatorOrSpringCloudOnTheClassPath() {
        runner.withInitializer(imported())
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.cloud"))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(LiveSecrets.class)
                            .doesNotHaveBean(InfisicalHealthIndicator.class)
                            .doesNotHaveBean(InfisicalSanitizingFunction.class).doesNotHaveBean(InfisicalRefreshHook.class);
                });
    }

    @Test
    void healthCanBeSwitchedOff() {
        runner.withInitializer(imported()).withPropertyValues("management.health.infisical.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(InfisicalHealthIndicator.class)
                        .hasSingleBean(InfisicalSanitizingFunction.class));
    }

    @Test
    void anInfisicalImportGivenAsAYamlListThatDidNotStartCreatesNoClientOfItsOwn() {
        // spring.config.import[0] is how YAML lists arrive; getProperty("spring.config.import") misses it
        runner.withPropertyValues(settings()).withPropertyValues("spring.config.import[0]=optional:infisical:/app")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(InfisicalClient.class));
    }

    @Test
    void credentialsWithUnreadableSettingsCreateNoClientInsteadOfFailingStartup() {
        runner.withPropertyValues(settings()).withPropertyValues("infisical.project-slug=also-set")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(InfisicalClient.class));
    }

    @Test
    void healthFollowsManagementHealthDefaultsUnlessSetItself() {
        runner.withInitializer(imported()).withPropertyValues("management.health.defaults.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(InfisicalHealthIndicator.class));
        runner.withInitializer(imported()).withPropertyValues("management.health.defaults.enabled=false",
                        "management.health.infisical.enabled=true")
                .run(ctx -> assertThat(ctx).hasSingleBean(InfisicalHealthIndicator.class));
    }
}
