package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.LiveRegistry;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ImportFailureTest extends ImportTestBase {

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

        // A background retry that began before clear() may still be in flight; refreshNow() joins it
        // (single-flight) and reports its 503. The next refresh asks the server afresh.
        LiveSecrets live = context.getBean(LiveSecrets.class);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                live.refreshNow();
                break;
            } catch (dev.infisicalpro.InfisicalException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }

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

    // a machine identity, not the demo's service token: a token's scopes may supply the environment, so
    // only without one does a missing env-slug fail while the settings are read (issue 10, defect 6)
    private String[] universalAuthArgsWithoutEnvSlug(String... more) {
        UniversalAuthCredentials identity = demo.project.createUniversalAuthIdentity("spring-ua", Role.VIEWER,
                Duration.ZERO, Duration.ZERO);
        List<String> out = new ArrayList<>(List.of(argsWithout("infisical.env-slug")));
        out.removeIf(a -> a.startsWith("--infisical.auth."));
        out.add("--infisical.auth.client-id=" + identity.clientId());
        out.add("--infisical.auth.client-secret=" + identity.clientSecret());
        for (String m : more) {
            out.add("--" + m);
        }
        return out.toArray(new String[0]);
    }

    @Test
    void anEnvSlugInTheImportUrlIsEnoughWithoutAGlobalOne() {
        run(universalAuthArgsWithoutEnvSlug("spring.config.import=infisical:/app?env-slug=prod&recursive=true"));

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("prod-password");
    }

    @Test
    void anImportWithOtherOverridesButNoEnvSlugAnywhereStillFailsNamingTheProperty() {
        for (String location : List.of("infisical:/app?recursive=true", "infisical:/app?env-slug=")) {
            FailureAnalysis analysis = analyze(failedStart(universalAuthArgsWithoutEnvSlug(
                    "spring.config.import=" + location)));

            assertThat(analysis.getDescription()).as(location).contains("no environment configured");
            assertThat(analysis.getAction()).as(location).contains("infisical.env-slug");
        }
    }

    @Test
    void aBlankEnvSlugInTheImportUrlClearsTheGlobalOne() {
        FailureAnalysis analysis = analyze(failedStart(universalAuthArgsWithoutEnvSlug(
                "infisical.env-slug=dev", "spring.config.import=infisical:/app?env-slug=")));

        assertThat(analysis.getAction()).contains("infisical.env-slug");
    }

    @Test
    void noAuthMethodFailsStartupNamingTheKeys() {
        FailureAnalysis analysis = analyze(failedStart(argsWithout("infisical.auth",
                "spring.config.import=infisical:/app")));

        assertThat(analysis.getDescription()).contains("ValidationException", "infisical.auth");
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

    private static final String URL_CANARY = "st.c4n4ry.9f3e.x1";

    @Test
    void aCredentialInTheImportUrlAppearsNowhereInTheFailureReport() {
        InfisicalConfigDataException e = failedStart(demo.args(
                "spring.config.import=infisical:/app?auth.service-token=" + URL_CANARY));
        FailureAnalysis analysis = analyze(e);

        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(URL_CANARY).doesNotContain("c4n4ry");
        }
        assertThat(analysis.getDescription()).contains("infisical:/app?auth.service-token=***");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("c4n4ry");
    }

    @Test
    void aCredentialInAnOptionalImportUrlAppearsNowhereInTheWarning() {
        try (Demo.LogCapture logs = new Demo.LogCapture("dev.infisicalpro")) {
            context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                    .run(demo.args("spring.config.import=optional:infisical:/app?auth.client-secret=" + URL_CANARY));

            assertThat(InfisicalPropertySource.in(context.getEnvironment())).isEmpty();
            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains("optional:infisical:/app?auth.client-secret=***");
            assertThat(logs.messages(Level.ALL)).noneMatch(m -> m.contains("c4n4ry"));
        }
    }

    @Test
    void aCredentialPastedAsTheImportPathIsRefusedAndAppearsNowhere() {
        String clientSecret = "c4n4ry" + "0123456789abcdef".repeat(3) + "9f3e8d";
        for (String path : List.of(URL_CANARY, "/" + clientSecret, "/app;/eyJc4n4ry")) {
            InfisicalConfigDataException e = failedStart(demo.args("spring.config.import=infisical:" + path));
            FailureAnalysis analysis = analyze(e);

            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(t.toString()).as(path).doesNotContain("c4n4ry");
            }
            assertThat(analysis.getDescription()).as(path).contains("looks like a credential", "***");
            assertThat(analysis.getDescription() + analysis.getAction()).as(path).doesNotContain("c4n4ry");
        }
        try (Demo.LogCapture logs = new Demo.LogCapture("dev.infisicalpro")) {
            context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                    .run(demo.args("spring.config.import=optional:infisical:" + URL_CANARY));

            assertThat(InfisicalPropertySource.in(context.getEnvironment())).isEmpty();
            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains("optional:infisical:***", "looks like a credential");
            assertThat(logs.messages(Level.ALL)).noneMatch(m -> m.contains("c4n4ry"));
        }
    }

    @Test
    void userInfoInAHostApiOverrideAppearsNowhereInTheFailureReport() {
        InfisicalConfigDataException e = failedStart(demo.args(
                "spring.config.import=infisical:/app?host-api=http://bob:c4n4ry@127.0.0.1:1"));
        FailureAnalysis analysis = analyze(e);

        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain("c4n4ry");
        }
        assertThat(analysis.getDescription()).contains("infisical:/app?host-api=http://127.0.0.1:1");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("c4n4ry").doesNotContain("bob");
    }

    @Test
    void anOptionalImportSurvivesALibraryClashWhileANonOptionalOneReportsIt() {
        // what an OkHttp/Kotlin version clash looks like: a LinkageError from inside the client
        InfisicalConfigDataLoader loader = new InfisicalConfigDataLoader(null, (settings, failFast, warnings) -> {
            throw new NoClassDefFoundError("kotlin/jvm/internal/Intrinsics");
        });
        InfisicalConfigDataLocationResolver resolver = new InfisicalConfigDataLocationResolver();
        dev.infisicalpro.config.PropertyLookup settings = dev.infisicalpro.config.PropertyLookup.of(
                java.util.Map.of("infisical.host-api", demo.fake.url(), "infisical.env-slug", "dev",
                        "infisical.project-id", demo.project.id(), "infisical.auth.service-token", demo.token.token()));
        InfisicalConfigDataResource optional = resolver.resolve("infisical:/app", true, settings,
                n -> java.util.Optional.empty()).get(0);
        InfisicalConfigDataResource required = resolver.resolve("infisical:/app", false, settings,
                n -> java.util.Optional.empty()).get(0);

        try (Demo.LogCapture logs = new Demo.LogCapture("dev.infisicalpro")) {
            assertThat(loader.load(optional).getPropertySources()).isEmpty();
            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains("optional:infisical:/app", "NoClassDefFoundError", "kotlin/jvm/internal/Intrinsics");
        }
        assertThat(catchThrowable(() -> loader.load(required))).isInstanceOf(NoClassDefFoundError.class);
        assertThat(catchThrowable(() -> new InfisicalConfigDataLoader(null, (s, f, w) -> {
            throw new IllegalStateException("quoting " + Demo.CANARY);
        }).load(required))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOptionalImportSkippedForARuntimeErrorNamesOnlyItsType() {
        InfisicalConfigDataLoader loader = new InfisicalConfigDataLoader(null, (settings, failFast, warnings) -> {
            throw new IllegalStateException("quoting " + Demo.CANARY);
        });
        InfisicalConfigDataResource optional = new InfisicalConfigDataLocationResolver().resolve("infisical:/app", true,
                dev.infisicalpro.config.PropertyLookup.of(java.util.Map.of("infisical.host-api", demo.fake.url(),
                        "infisical.env-slug", "dev", "infisical.auth.service-token", demo.token.token())),
                n -> java.util.Optional.empty()).get(0);

        try (Demo.LogCapture logs = new Demo.LogCapture("dev.infisicalpro")) {
            assertThat(loader.load(optional).getPropertySources()).isEmpty();
            assertThat(logs.messages(Level.WARNING)).singleElement().asString()
                    .contains("java.lang.IllegalStateException").doesNotContain(Demo.CANARY);
        }
    }
}
