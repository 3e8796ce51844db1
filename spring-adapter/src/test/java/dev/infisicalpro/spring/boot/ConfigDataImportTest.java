package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import dev.infisicalpro.spring.internal.LiveRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDataImportTest extends ImportTestBase {

    @Test
    void valueAnnotationResolvesASecretFromTheImport() {
        run(demo.args("spring.config.import=infisical:/app"));

        assertThat(context.getBean(TestApp.PasswordHolder.class).password()).isEqualTo(Demo.CANARY);
    }

    @Test
    void springDatasourcePasswordBindsFromSpringDatasourcePasswordSecret() {
        run(demo.args("spring.config.import=infisical:/app"));

        assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("ds-" + Demo.CANARY);
        assertThat(context.getBean(TestApp.DataSourceSettings.class).getPassword()).isEqualTo("ds-" + Demo.CANARY);
    }

    @Test
    void configurationPropertiesBindFromEnvironmentStyleSecretNames() {
        run(demo.args("spring.config.import=infisical:/app"));

        TestApp.AppSettings app = context.getBean(TestApp.AppSettings.class);
        assertThat(app.getApiKey()).isEqualTo("app-key-1");
        assertThat(app.getTimeout()).hasSeconds(5);
    }

    @Test
    void perImportParametersOverrideTheGlobalSettings() {
        run(demo.args("spring.config.import=infisical:/app?env-slug=prod"));

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("prod-password");
    }

    @Test
    void severalImportsEachWithItsOwnPathAndTheLaterOneWins() {
        run(demo.args("spring.config.import=infisical:/shared,infisical:/app"));

        ConfigurableEnvironment env = context.getEnvironment();
        assertThat(env.getProperty("REGION")).isEqualTo("eu-shared");
        assertThat(env.getProperty("API_KEY")).isEqualTo("key-1");
        assertThat(InfisicalPropertySource.in(env)).extracting(InfisicalPropertySource::getName)
                .containsExactly("infisical:/app", "infisical:/shared");
    }

    @Test
    void severalFoldersInOneImportMergeInOrder() {
        run(demo.args("spring.config.import=infisical:/app;/shared"));

        assertThat(context.getEnvironment().getProperty("API_KEY")).isEqualTo("shared-key");
        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo(Demo.CANARY);
    }

    @Test
    void settingsComeFromRelaxedEnvironmentStyleNamesToo() {
        // INFISICAL_ENV_SLUG as an environment variable reaches infisical.env-slug through the Binder;
        // a property source named systemEnvironment gets the same relaxed mapping in this test
        String[] args = demo.args("spring.config.import=infisical:/app");
        context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                .initializers(ctx -> { })
                .environment(envWith("INFISICAL_ENV_SLUG", "prod"))
                .run(java.util.Arrays.stream(args).filter(a -> !a.startsWith("--infisical.env-slug")).toArray(String[]::new));

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("prod-password");
    }

    private static org.springframework.core.env.StandardEnvironment envWith(String name, String value) {
        org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
        java.util.Map<String, Object> vars = new java.util.HashMap<>(System.getenv());
        vars.put(name, value);
        env.getPropertySources().replace(org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new org.springframework.core.env.SystemEnvironmentPropertySource(
                        org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, vars));
        return env;
    }

    @Test
    void settingsFromAProfileFileApplyToTheImport() {
        // infisical-profile-test.properties imports infisical:/app; its on-profile document sets env-slug=prod
        String[] args = java.util.Arrays.stream(demo.args("spring.config.name=infisical-profile-test",
                        "spring.profiles.active=infisical-prod"))
                .filter(a -> !a.startsWith("--infisical.env-slug")).toArray(String[]::new);
        run(args);

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("prod-password");
    }

    @Test
    void aProfileSpecificFileCanDeclareItsOwnImportAndSettings() {
        // infisical-profile-file-test-infisical-prod.properties: spring.config.import=infisical:/app + env-slug=prod
        // (an import declared in the base file is resolved before profile-specific files are read)
        String[] args = java.util.Arrays.stream(demo.args("spring.config.name=infisical-profile-file-test",
                        "spring.profiles.active=infisical-prod"))
                .filter(a -> !a.startsWith("--infisical.env-slug")).toArray(String[]::new);
        run(args);

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("prod-password");
    }

    @Test
    void configurationMetadataDescribesEverySetting() throws Exception {
        try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String key : dev.infisicalpro.config.InfisicalSettings.ALL_KEYS) {
                if (!key.equals("infisical.ordinal")) {
                    assertThat(json).as(key).containsPattern("\"name\"\\s*:\\s*\"" + java.util.regex.Pattern.quote(key) + "\"");
                }
            }
            assertThat(json).contains("INFISICAL_API_URL");
        }
    }

    @Test
    void clientAndLiveSecretsBeansAreTheInstancesTheImportUses() {
        run(demo.args("spring.config.import=infisical:/app"));

        LiveSecrets live = context.getBean(LiveSecrets.class);
        InfisicalPropertySource source = InfisicalPropertySource.in(context.getEnvironment()).get(0);
        assertThat(live).isSameAs(source.live());
        assertThat(context.getBean(InfisicalClient.class)).isSameAs(LiveRegistry.find(live).orElseThrow().client());
        assertThat(live.get("DB_PASSWORD")).isEqualTo(Demo.CANARY);
    }

    @Test
    void closingTheContextStopsTheLiveViewAndClient() {
        run(demo.args("spring.config.import=infisical:/app"));
        assertThat(LiveRegistry.size()).isEqualTo(1);

        context.close();

        assertThat(LiveRegistry.size()).isZero();
        context = null;
    }

    @Test
    void aRefreshChangesTheEnvironmentAndPublishesAnEventWithKeyNamesOnly() throws Exception {
        run(demo.args("spring.config.import=infisical:/app"));
        demo.project.putSecret("dev", "/app", "API_KEY", "key-2");

        context.getBean(LiveSecrets.class).refreshNow();

        InfisicalSecretsChangedEvent event = context.getBean(TestApp.Events.class).changed.get(10, TimeUnit.SECONDS);
        assertThat(event.keys()).containsExactly("API_KEY");
        assertThat(event.propertySourceName()).isEqualTo("infisical:/app");
        assertThat(event.toString()).doesNotContain("key-2");
        assertThat(context.getEnvironment().getProperty("API_KEY")).isEqualTo("key-2");
        assertThat(context.getEnvironment().getProperty("api.key")).isEqualTo("key-2");
    }

    @Test
    void refreshScopeBeansAndConfigurationPropertiesRebindAfterARefreshWithSpringCloudContext() throws Exception {
        run(demo.args("spring.config.import=infisical:/app"));
        assertThat(context.getBean(TestApp.ApiKeyHolder.class).key()).isEqualTo("key-1");
        demo.project.putSecret("dev", "/app", "API_KEY", "key-2");
        demo.project.putSecret("dev", "/app", "APP_API_KEY", "app-key-2");

        context.getBean(LiveSecrets.class).refreshNow();
        context.getBean(TestApp.Events.class).changed.get(10, TimeUnit.SECONDS);

        assertThat(context.getBean(TestApp.ApiKeyHolder.class).key()).isEqualTo("key-2");
        assertThat(context.getBean(TestApp.AppSettings.class).getApiKey()).isEqualTo("app-key-2");
    }

    @Test
    void springCloudRefreshReRunsTheImportButKeepsTheOneRunningLiveView() {
        run(demo.args("spring.config.import=infisical:/app"));
        LiveSecrets live = context.getBean(LiveSecrets.class);
        demo.project.putSecret("dev", "/app", "API_KEY", "key-3");
        live.refreshNow();

        // what POST /actuator/refresh does
        context.getBean(org.springframework.cloud.context.refresh.ContextRefresher.class).refresh();

        assertThat(LiveRegistry.size()).isEqualTo(1);
        assertThat(InfisicalPropertySource.in(context.getEnvironment())).singleElement()
                .satisfies(s -> assertThat(s.live()).isSameAs(live));
        assertThat(context.getBean(TestApp.ApiKeyHolder.class).key()).isEqualTo("key-3");
    }

    @Test
    void disabledMeansNoImportAndNoBeans() {
        run(demo.args("spring.config.import=infisical:/app", "infisical.enabled=false"));

        assertThat(InfisicalPropertySource.in(context.getEnvironment())).isEmpty();
        assertThat(context.getBeansOfType(InfisicalClient.class)).isEmpty();
        assertThat(context.getBean(TestApp.PasswordHolder.class).password()).isEqualTo("<none>");
    }

    @Test
    void withoutAnImportButWithCredentialsTheClientIsStillABean() {
        run(demo.args());

        InfisicalClient client = context.getBean(InfisicalClient.class);
        assertThat(client.apiUrl()).isEqualTo(demo.fake.apiUrl());
        assertThat(context.getBeansOfType(LiveSecrets.class)).isEmpty();
    }

    @Test
    void secretsNamedLikeBootSettingsNeitherImportFilesNorActivateProfiles() {
        // without ConfigData options these would become spring.config.import / spring.profiles.active
        demo.project.putSecret("dev", "/app", "SPRING_CONFIG_IMPORT", "classpath:/no-such-file-from-a-secret.properties");
        demo.project.putSecret("dev", "/app", "SPRING_PROFILES_ACTIVE", "from-a-secret");

        run(demo.args("spring.config.import=infisical:/app"));

        assertThat(context.getEnvironment().getActiveProfiles()).doesNotContain("from-a-secret");
        assertThat(context.getEnvironment().getProperty("SPRING_CONFIG_IMPORT"))
                .as("still readable as an application value").startsWith("classpath:");
        assertThat(context.getBean(TestApp.PasswordHolder.class).password()).isEqualTo(Demo.CANARY);
    }
}
