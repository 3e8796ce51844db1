package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.LiveRegistry;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ImportFailureTest {

    Demo demo;
    ConfigurableApplicationContext context;

    @BeforeAll
    static void noLoggingSystem() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    @BeforeEach
    void start() {
        demo = new Demo();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        demo.close();
        assertThat(LiveRegistry.size()).as("nothing keeps running after a failed or closed start").isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String[] argsWithout(String prefix, String... more) {
        List<String> out = new ArrayList<>();
        for (String a : demo.args()) {
            if (!a.startsWith("--" + prefix)) {
                out.add(a);
            }
        }
        for (String m : more) {
            out.add("--" + m);
        }
        return out.toArray(new String[0]);
    }

    private InfisicalConfigDataException failedStart(String... args) {
        Throwable t = catchThrowable(() -> context = new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE).run(args));
        assertThat(t).isInstanceOf(InfisicalConfigDataException.class);
        return (InfisicalConfigDataException) t;
    }

    private static FailureAnalysis analyze(Throwable t) {
        FailureAnalysis analysis = new InfisicalFailureAnalyzer().analyze(t);
        assertThat(analysis).isNotNull();
        return analysis;
    }

    @Test
    void nonOptionalImportWithTheServerDownStopsStartupNamingHostAndTheOptionalEscape() throws IOException {
        String[] args = argsWithout("infisical.host-api", "spring.config.import=infisical:/app",
                "infisical.host-api=http://127.0.0.1:" + freePort());

        FailureAnalysis analysis = analyze(failedStart(args));

        assertThat(analysis.getDescription()).contains("spring.config.import=infisical:/app", "TransportException");
        assertThat(analysis.getAction()).contains("infisical.host-api", "INFISICAL_API_URL", "optional:infisical:");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(demo.token.token());
    }

    @Test
    void optionalImportWithTheServerDownStartsWithoutTheSecretsAndLogsOneWarning() throws IOException {
        String[] args = argsWithout("infisical.host-api", "spring.config.import=optional:infisical:/app",
                "infisical.host-api=http://127.0.0.1:" + freePort());
        try (Demo.LogCapture logs = new Demo.LogCapture("dev.infisicalpro")) {
            context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE).run(args);

            assertThat(context.getBean(TestApp.PasswordHolder.class).password()).isEqualTo("<none>");
            assertThat(context.getBean(LiveSecrets.class).status().loaded()).isFalse();
            assertThat(logs.messages(Level.WARNING)).hasSize(1);
        }
    }

    @Test
    void failFastFalseLetsANonOptionalImportStartWhileTheServerIsDown() throws IOException {
        String[] args = argsWithout("infisical.host-api", "spring.config.import=infisical:/app",
                "infisical.fail-fast=false", "infisical.host-api=http://127.0.0.1:" + freePort());

        context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE).run(args);

        assertThat(context.getBean(LiveSecrets.class).status().loaded()).isFalse();
    }

    @Test
    void optionalImportPicksUpTheSecretsOnceTheServerAnswersAgain() {
        // the first load fails (503 on every attempt); the live view keeps trying and recovers
        demo.fake.faults().next("GET", "/api/v3/secrets/raw", 50, Fault.status(503));
        context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                .run(demo.args("spring.config.import=optional:infisical:/app"));
        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
        assertThat(context.getBean(LiveSecrets.class).status().consecutiveFailures()).isPositive();
        demo.fake.faults().clear();

        context.getBean(LiveSecrets.class).refreshNow();

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo(Demo.CANARY);
    }

    @Test
    void scopeMismatchFailsStartupWithTheFixInTheFailureReport() {
        ServiceTokenCredentials narrow = demo.project.createServiceToken("narrow", List.of(TokenScope.of("dev", "/app")),
                EnumSet.of(Permission.READ));
        String[] args = argsWithout("infisical.auth.service-token", "spring.config.import=infisical:/shared",
                "infisical.auth.service-token=" + narrow.token());
        try (Demo.LogCapture report = new Demo.LogCapture("org.springframework.boot.diagnostics")) {
            FailureAnalysis analysis = analyze(failedStart(args));

            assertThat(analysis.getDescription()).contains("infisical:/shared", "ScopeMismatchException", "/app");
            assertThat(analysis.getAction()).contains("/**", "infisical.auth.service-token");
            // Boot found the analyzer through spring.factories and printed it
            String printed = String.join("\n", report.messages(Level.SEVERE));
            assertThat(printed).contains("APPLICATION FAILED TO START", "ScopeMismatchException", "/**")
                    .doesNotContain(narrow.token());
        }
    }

    @Test
    void aFailedStartAfterASuccessfulImportClosesThatImportsLiveView() {
        ServiceTokenCredentials narrow = demo.project.createServiceToken("narrow", List.of(TokenScope.of("dev", "/app")),
                EnumSet.of(Permission.READ));
        String[] args = argsWithout("infisical.auth.service-token", "spring.config.import=infisical:/shared,infisical:/app",
                "infisical.auth.service-token=" + narrow.token());

        failedStart(args);

        // Boot loads imports last-first: /app started a live view before /shared failed; @AfterEach asserts nothing is left running
        assertThat(LiveRegistry.size()).isZero();
    }

    @Test
    void missingEnvSlugFailsStartupNamingTheProperty() {
        FailureAnalysis analysis = analyze(failedStart(argsWithout("infisical.env-slug",
                "spring.config.import=infisical:/app")));

        assertThat(analysis.getDescription()).contains("infisical.env-slug");
        assertThat(analysis.getAction()).contains("infisical.env-slug");
    }

    @Test
    void noAuthMethodFailsStartupNamingTheKeys() {
        FailureAnalysis analysis = analyze(failedStart(argsWithout("infisical.auth",
                "spring.config.import=infisical:/app")));

        assertThat(analysis.getDescription()).contains("ConfigurationException", "infisical.auth");
        assertThat(analysis.getAction()).contains("exactly one auth method");
    }

    @Test
    void twoAuthMethodsFailStartupNamingBoth() {
        FailureAnalysis analysis = analyze(failedStart(demo.args("spring.config.import=infisical:/app",
                "infisical.auth.client-id=abc", "infisical.auth.client-secret=" + Demo.CANARY)));

        assertThat(analysis.getDescription()).contains("infisical.auth.service-token", "infisical.auth.client-id")
                .doesNotContain(Demo.CANARY).doesNotContain(demo.token.token());
    }

    @Test
    void anUnresolvablePlaceholderInTheSettingsFailsStartupNamingTheProperty() {
        String[] args = argsWithout("infisical.auth.service-token", "spring.config.import=infisical:/app",
                "infisical.auth.service-token=${NO_SUCH_TOKEN_VARIABLE}");

        FailureAnalysis analysis = analyze(failedStart(args));

        assertThat(analysis.getDescription()).contains("infisical.auth.service-token", "NO_SUCH_TOKEN_VARIABLE");
    }

    @Test
    void rejectedCredentialsFailStartupListingTheUsualCauses() {
        String[] args = argsWithout("infisical.auth.service-token", "spring.config.import=infisical:/app",
                "infisical.auth.service-token=st.bogus.bogus");

        FailureAnalysis analysis = analyze(failedStart(args));

        assertThat(analysis.getAction()).contains("disabled", "expired", "infisical.host-api");
    }

    @Test
    void optionalImportWithInvalidSettingsNeverFailsStartup() {
        try (Demo.LogCapture logs = new Demo.LogCapture("dev.infisicalpro")) {
            context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                    .run(argsWithout("infisical.auth", "spring.config.import=optional:infisical:/app"));

            assertThat(InfisicalPropertySource.in(context.getEnvironment())).isEmpty();
            assertThat(logs.messages(Level.WARNING)).hasSize(1).allSatisfy(m -> assertThat(m).contains("infisical.auth"));
        }
    }
}
