package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActuatorTest extends ImportTestBase {

    private void runWith(String... more) {
        List<String> args = new ArrayList<>(List.of(demo.args("management.endpoints.web.exposure.include=*",
                "management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
                "management.endpoint.health.show-details=always", "plain.value=visible",
                "my.password=${DB_PASSWORD}", "my.jdbc-url=jdbc:postgresql://db/app?password=${DB_PASSWORD}")));
        for (String m : more) {
            args.removeIf(a -> a.startsWith("--" + m.substring(0, m.indexOf('=') + 1)));
            args.add("--" + m);
        }
        run(args.toArray(new String[0]));
    }

    @Test
    void environmentEndpointMasksInfisicalValuesEvenWithShowValuesAlways() {
        runWith("spring.config.import=infisical:/app");

        EnvironmentEndpoint.EnvironmentDescriptor env = context.getBean(EnvironmentEndpoint.class).environment(null);
        EnvironmentEndpoint.PropertySourceDescriptor infisical = env.getPropertySources().stream()
                .filter(p -> p.getName().equals("infisical:/app")).findFirst().orElseThrow();
        assertThat(infisical.getProperties()).containsKeys("DB_PASSWORD", "db.password", "API_KEY");
        assertThat(infisical.getProperties().values()).allSatisfy(v -> assertThat(v.getValue()).isEqualTo("******"));

        EnvironmentEndpoint.PropertySourceDescriptor args = env.getPropertySources().stream()
                .filter(p -> p.getName().equals("commandLineArgs")).findFirst().orElseThrow();
        // placeholders that resolve to a secret, and values embedding one, are masked too
        assertThat(args.getProperties().get("my.password").getValue()).isEqualTo("******");
        assertThat(args.getProperties().get("my.jdbc-url").getValue()).isEqualTo("******");
        assertThat(args.getProperties().get("infisical.auth.service-token").getValue()).isEqualTo("******");
        // the endpoint still shows ordinary values: show-values=always is honoured for them
        assertThat(args.getProperties().get("plain.value").getValue()).isEqualTo("visible");

        assertThat(String.valueOf(context.getBean(EnvironmentEndpoint.class).environmentEntry("DB_PASSWORD")
                .getProperty().getValue())).isEqualTo("******");
    }

    @Test
    void configpropsEndpointMasksBoundSecretsAndCredentials() {
        runWith("spring.config.import=infisical:/app");

        Map<String, Object> app = beanProperties("app");
        Map<String, Object> dataSource = beanProperties("spring.datasource");
        Map<String, Object> infisical = beanProperties("infisical");

        assertThat(app.get("apiKey")).isEqualTo("******");
        assertThat(dataSource.get("password")).isEqualTo("******");
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) infisical.get("auth");
        assertThat(auth.get("serviceToken")).isEqualTo("******");
        assertThat(infisical.get("envSlug")).isEqualTo("dev");
    }

    private Map<String, Object> beanProperties(String prefix) {
        return context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties().getContexts()
                .values().stream().flatMap(c -> c.getBeans().values().stream())
                .filter(b -> b.getPrefix().equals(prefix)).findFirst().orElseThrow().getProperties();
    }

    @Test
    void healthIsUpWithDetailsWhileSecretsAreLoaded() {
        runWith("spring.config.import=infisical:/app");

        Health health = (Health) context.getBean(HealthEndpoint.class).healthForPath("infisical");

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("age", "stale", "consecutiveFailures", "lastSuccess")
                .containsEntry("stale", false).containsEntry("consecutiveFailures", 0);
    }

    @Test
    void healthIsDownWhenAnOptionalImportNeverLoaded() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        runWith("spring.config.import=optional:infisical:/app", "infisical.host-api=http://127.0.0.1:" + port);

        Health health = (Health) context.getBean(HealthEndpoint.class).healthForPath("infisical");

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("loaded", false).containsEntry("lastSuccess", "never");
    }

    @Test
    void healthStaysUpThroughFailedRefreshesAndTurnsDownOnlyPastMaxStaleness() {
        MutableClock clock = MutableClock.system();
        try (InfisicalClient client = InfisicalClient.builder().host(demo.fake.url())
                .credentials(Credentials.serviceToken(demo.token.token())).clock(clock).build();
             LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(demo.project.id()), "dev", "/app"))
                     .resyncInterval(Duration.ZERO).maxStaleness(Duration.ofMinutes(5)).start()) {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new InfisicalPropertySource("infisical:/app", live));
            InfisicalHealthIndicator indicator = new InfisicalHealthIndicator(env);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            demo.fake.close();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(live::refreshNow))
                    .isInstanceOf(dev.infisicalpro.TransportException.class);
            clock.advance(Duration.ofMinutes(4));
            Health failing = indicator.health();
            assertThat(failing.getStatus()).isEqualTo(Status.UP);
            assertThat(failing.getDetails()).containsEntry("stale", true).containsEntry("consecutiveFailures", 1);

            clock.advance(Duration.ofMinutes(2));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void infisicalCredentialsInTheSystemEnvironmentAreMaskedInEveryEnvironmentSpelling() {
        InfisicalSanitizingFunction sanitizer = new InfisicalSanitizingFunction(new org.springframework.core.env.StandardEnvironment());
        org.springframework.core.env.PropertySource<?> systemEnvironment = new org.springframework.core.env
                .SystemEnvironmentPropertySource("systemEnvironment", Map.of());

        for (String name : List.of("INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
                "INFISICAL_AUTH_CLIENT_SECRET", "INFISICAL_AUTH_SERVICE_TOKEN", "INFISICAL_AUTH_ACCESS_TOKEN",
                "infisical.auth.client-secret", "infisical.auth.serviceToken")) {
            assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(systemEnvironment,
                    name, Demo.CANARY)).getValue()).as(name).isEqualTo("******");
        }
        for (String name : List.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "INFISICAL_API_URL",
                "INFISICAL_AUTH_KUBERNETES_TOKEN_PATH", "INFISICAL_ENV_SLUG")) {
            assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(systemEnvironment,
                    name, "visible")).getValue()).as(name).isEqualTo("visible");
        }
    }

    @Test
    void aCredentialPastedIntoTheImportIsMaskedInTheEnvironmentEndpoint() {
        String canary = "st.c4n4ry.9f3e.x1";
        runWith("spring.config.import=infisical:/app,optional:infisical:" + canary);

        EnvironmentEndpoint.EnvironmentDescriptor env = context.getBean(EnvironmentEndpoint.class).environment(null);
        assertThat(env.getPropertySources()).extracting(EnvironmentEndpoint.PropertySourceDescriptor::getName)
                .contains("infisical:/app").noneMatch(n -> n.contains("c4n4ry"));
        assertThat(env.getPropertySources()).allSatisfy(p -> p.getProperties().values()
                .forEach(v -> assertThat(String.valueOf(v.getValue())).doesNotContain("c4n4ry")));
        EnvironmentEndpoint.PropertySourceDescriptor args = env.getPropertySources().stream()
                .filter(p -> p.getName().equals("commandLineArgs")).findFirst().orElseThrow();
        assertThat(args.getProperties().get("spring.config.import").getValue())
                .isEqualTo("infisical:/app,optional:infisical:***");
    }
}
