package dev.infisicalpro.microprofile;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.ConfigurationException;
import dev.infisicalpro.ScopeMismatchException;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import dev.infisicalpro.testkit.TokenScope;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The factory as SmallRye discovers it ({@code addDiscoveredSources()}), against FakeInfisical, with
 * the other sources given as explicit maps at their real ordinals (application.properties 250,
 * environment 300, system properties 400).
 */
class InfisicalConfigSourceFactoryTest {

    private static final String CANARY = "canary-9f3c2a7e-value";
    private static final String SECRETS_RAW = "/api/v3/secrets/raw";

    private FakeInfisical fake;
    private FakeProject project;
    private String token;
    private final List<SmallRyeConfig> built = new ArrayList<>();
    private LogCapture logs;

    @BeforeEach
    void startFake() {
        logs = LogCapture.start();
        fake = FakeInfisical.start();
        project = fake.createProject("mp-demo");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", CANARY);
        project.putSecret("dev", "/app", "QUARKUS_DATASOURCE_PASSWORD", "ds-" + CANARY);
        project.putSecret("dev", "/app", "MY_APP_API_KEY", "api-" + CANARY);
        project.putSecret("dev", "/app", "GREETING", "hello");
        token = project.createServiceToken("mp", List.of(TokenScope.of("dev", "/**")), EnumSet.of(Permission.READ))
                .token();
    }

    @AfterEach
    void stop() {
        for (SmallRyeConfig config : built) {
            infisicalSources(config).forEach(InfisicalConfigSource::close);
        }
        fake.close();
        logs.close();
        // No test leaks a value into a log line, whatever it did.
        assertThat(logs.everything()).doesNotContain(CANARY);
    }

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("infisical.host-api", fake.apiUrl());
        s.put("infisical.auth.service-token", token);
        s.put("infisical.env-slug", "dev");
        s.put("infisical.secrets-path", "/app");
        s.put("infisical.resync-interval", "0");
        return s;
    }

    private SmallRyeConfig build(Map<String, String> applicationProperties, Map<String, String> environment,
                                 Map<String, String> systemProperties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDiscoveredSources()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withSources(new PropertiesConfigSource(systemProperties, "SysPropConfigSource", 400))
                .build();
        built.add(config);
        return config;
    }

    private SmallRyeConfig build(Map<String, String> applicationProperties) {
        return build(applicationProperties, Map.of(), Map.of());
    }

    private static List<InfisicalConfigSource> infisicalSources(SmallRyeConfig config) {
        List<InfisicalConfigSource> found = new ArrayList<>();
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof InfisicalConfigSource s) {
                found.add(s);
            }
        }
        return found;
    }

    private static InfisicalConfigSource infisicalSource(SmallRyeConfig config) {
        List<InfisicalConfigSource> sources = infisicalSources(config);
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    @Test
    void secretIsVisibleUnderItsOwnNameAndAsDottedProperty() {
        SmallRyeConfig config = build(settings());
        assertThat(config.getValue("DB_PASSWORD", String.class)).isEqualTo(CANARY);
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
        assertThat(config.getConfigValue("db.password").getSourceName()).startsWith("InfisicalConfigSource[");
    }

    @Test
    void frameworkPropertyNamesMapToEnvironmentStyleSecrets() {
        SmallRyeConfig config = build(settings());
        assertThat(config.getValue("quarkus.datasource.password", String.class)).isEqualTo("ds-" + CANARY);
        assertThat(config.getValue("my-app.api-key", String.class)).isEqualTo("api-" + CANARY);
        assertThat(config.getOptionalValue("db.user", String.class)).isEmpty();
    }

    @Test
    void propertyNamesIncludeKeysAndDottedAliases() {
        SmallRyeConfig config = build(settings());
        assertThat(infisicalSource(config).getPropertyNames())
                .contains("DB_PASSWORD", "db.password", "QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.password");
        assertThat(StreamSupport.stream(config.getPropertyNames().spliterator(), false))
                .contains("db.password", "greeting");
    }

    @Test
    void infisicalBeatsApplicationPropertiesByDefault() {
        Map<String, String> app = settings();
        app.put("db.password", "from-application-properties");
        SmallRyeConfig config = build(app);
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
        assertThat(infisicalSource(config).getOrdinal()).isEqualTo(270);
    }

    @Test
    void environmentVariableBeatsInfisical() {
        SmallRyeConfig config = build(settings(), Map.of("DB_PASSWORD", "from-env"), Map.of());
        assertThat(config.getValue("db.password", String.class)).isEqualTo("from-env");
        assertThat(config.getValue("DB_PASSWORD", String.class)).isEqualTo("from-env");
    }

    @Test
    void systemPropertyBeatsInfisical() {
        SmallRyeConfig config = build(settings(), Map.of(), Map.of("db.password", "from-sysprop"));
        assertThat(config.getValue("db.password", String.class)).isEqualTo("from-sysprop");
    }

    @Test
    void ordinalSettingMovesTheSource() {
        Map<String, String> app = settings();
        app.put("infisical.ordinal", "450");
        SmallRyeConfig config = build(app, Map.of("DB_PASSWORD", "from-env"), Map.of("db.password", "from-sysprop"));
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);

        Map<String, String> low = settings();
        low.put("infisical.ordinal", "200");
        low.put("db.password", "from-application-properties");
        assertThat(build(low).getValue("db.password", String.class)).isEqualTo("from-application-properties");
    }

    @Test
    void settingsComeFromInfisicalEnvironmentVariablesAndApplicationProperties() {
        Map<String, String> env = Map.of("INFISICAL_API_URL", fake.url(), "INFISICAL_TOKEN", token);
        SmallRyeConfig config = build(Map.of("infisical.env-slug", "dev", "infisical.secrets-path", "/app",
                "infisical.resync-interval", "0"), env, Map.of());
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
    }

    @Test
    void settingsFollowMicroProfileEnvironmentNamesToo() {
        // INFISICAL_ENV_SLUG is how an operator overrides infisical.env-slug without touching the app.
        project.createFolder("prod", "/app");
        project.putSecret("prod", "/app", "DB_PASSWORD", "prod-" + CANARY);
        String prodToken = project.createServiceToken("mp-prod", List.of(TokenScope.of("prod", "/**")),
                EnumSet.of(Permission.READ)).token();
        Map<String, String> app = settings();
        app.put("infisical.auth.service-token", prodToken);
        SmallRyeConfig config = build(app, Map.of("INFISICAL_ENV_SLUG", "prod"), Map.of());
        assertThat(config.getValue("db.password", String.class)).isEqualTo("prod-" + CANARY);
    }

    @Test
    void refreshedSecretIsSeenByTheNextGetValue() {
        SmallRyeConfig config = build(settings());
        assertThat(config.getValue("greeting", String.class)).isEqualTo("hello");

        project.putSecret("dev", "/app", "GREETING", "rotated");
        project.putSecret("dev", "/app", "NEW_KEY", "new");
        assertThat(config.getValue("greeting", String.class)).isEqualTo("hello"); // not before a refresh
        infisicalSource(config).liveSecrets().refreshNow();

        assertThat(config.getValue("greeting", String.class)).isEqualTo("rotated");
        assertThat(config.getValue("new.key", String.class)).isEqualTo("new");
        assertThat(infisicalSource(config).getPropertyNames()).contains("NEW_KEY", "new.key");
    }

    @Test
    void a304RefreshKeepsTheComputedPropertyNamesAndAChangeRecomputesThem() {
        InfisicalConfigSource source = infisicalSource(build(settings()));
        java.util.Set<String> before = source.getPropertyNames();

        assertThat(source.liveSecrets().refreshNow().isEmpty()).isTrue(); // the server answers 304
        assertThat(source.getPropertyNames()).isSameAs(before); // cached by the snapshot map's identity

        project.putSecret("dev", "/app", "NEW_KEY", "new");
        source.liveSecrets().refreshNow();
        assertThat(source.getPropertyNames()).isNotSameAs(before).contains("NEW_KEY", "new.key");
    }

    @Test
    void disabledFactoryContributesNothingAndCallsNobody() {
        Map<String, String> app = settings();
        app.put("infisical.enabled", "false");
        SmallRyeConfig config = build(app);
        assertThat(infisicalSources(config)).isEmpty();
        assertThat(config.getOptionalValue("db.password", String.class)).isEmpty();
        assertThat(fake.journal().requests()).isEmpty();
    }

    @Test
    void unconfiguredAppContributesNothingAndLogsOneInfoLine() {
        SmallRyeConfig config = build(Map.of("infisical.env-slug", "dev"));
        assertThat(infisicalSources(config)).isEmpty();
        assertThat(fake.journal().requests()).isEmpty();
        List<String> info = logs.messages(Level.INFO);
        assertThat(info).hasSize(1);
        assertThat(info.get(0)).contains("not active", "infisical.auth.service-token", "INFISICAL_TOKEN",
                "infisical.enabled=false", "infisical.env-slug");
    }

    @Test
    void partialAuthFailsTheBuildNamingTheMissingKey() {
        Map<String, String> app = settings();
        app.remove("infisical.auth.service-token");
        app.put("infisical.auth.client-id", "some-client-id");
        assertThatThrownBy(() -> build(app))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("infisical.auth.client-secret");
    }

    @Test
    void credentialsDirectoryWithSnakeCaseKeysFailsNamingTheRightKeys(@TempDir Path dir) throws Exception {
        // the operator's Common Mistake: client_id / client_secret instead of clientId / clientSecret
        Files.writeString(dir.resolve("client_id"), "some-id");
        Files.writeString(dir.resolve("client_secret"), "secret-" + CANARY);
        Map<String, String> app = settings();
        app.remove("infisical.auth.service-token");
        app.put("infisical.auth.credentials-dir", dir.toString());
        app.put("infisical.project-id", project.id());
        assertThatThrownBy(() -> build(app))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientId")
                .hasMessageContaining("clientSecret")
                .hasMessageNotContaining(CANARY);
        assertThat(fake.journal().requests()).isEmpty();
    }

    @Test
    void configurationErrorsFailEvenWithFailFastOff() {
        Map<String, String> app = settings();
        app.put("infisical.fail-fast", "false");
        app.put("infisical.auth.access-token", "second-auth-method");
        assertThatThrownBy(() -> build(app))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("infisical.auth.service-token")
                .hasMessageContaining("infisical.auth.access-token");
    }

    @Test
    void failFastReportsTheScopeTrapWithItsFix() {
        String narrow = project.createServiceToken("narrow", List.of(TokenScope.of("dev", "/app")),
                EnumSet.of(Permission.READ)).token();
        Map<String, String> app = settings();
        app.put("infisical.auth.service-token", narrow);
        app.put("infisical.secrets-path", "/other");
        assertThatThrownBy(() -> build(app))
                .isInstanceOf(ScopeMismatchException.class)
                .hasMessageContaining("/app")
                .hasMessageContaining("/other")
                .hasMessageContaining("/**");
    }

    @Test
    void failFastReportsRejectedCredentialsWithTheUsualCausesAndLogsInOnce() {
        UniversalAuthCredentials identity = project.createUniversalAuthIdentity("mp-app", Role.ADMIN,
                Duration.ofHours(2), Duration.ofHours(24));
        Map<String, String> app = settings();
        app.remove("infisical.auth.service-token");
        app.put("infisical.auth.client-id", identity.clientId());
        app.put("infisical.auth.client-secret", "wrong-" + CANARY);
        app.put("infisical.project-id", project.id());
        assertThatThrownBy(() -> build(app))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("disabled")
                .hasMessageContaining("infisical.host-api")
                .hasMessageNotContaining(CANARY);
        // newer servers lock an identity out after 3 failures: one try, no loop
        assertThat(fake.journal().count("POST", "/api/v1/auth/universal-auth/login")).isEqualTo(1);
    }

    @Test
    void unknownServiceTokenFailsFastWithTheFix() {
        Map<String, String> app = settings();
        app.put("infisical.auth.service-token", "st.000000000000000000000000.0000000000000000.ffffffffffffffff");
        assertThatThrownBy(() -> build(app))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("create a new service token")
                .hasMessageNotContaining("ffffffffffffffff");
    }

    @Test
    void failFastOffStartsEmptyWarnsOnceAndFillsWhenInfisicalIsBack() {
        fake.faults().next("*", SECRETS_RAW, 10_000, Fault.status(503));
        Map<String, String> app = settings();
        app.put("infisical.fail-fast", "false");
        app.put("infisical.resync-interval", "1h");

        SmallRyeConfig config = build(app);
        InfisicalConfigSource source = infisicalSource(config);
        assertThat(config.getOptionalValue("db.password", String.class)).isEmpty();
        assertThat(source.getPropertyNames()).isEmpty();
        assertThat(logs.messages(Level.WARNING)).hasSize(1);

        fake.faults().clear();
        source.liveSecrets().refreshNow();
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
    }

    @Test
    void failFastOffBackgroundRetriesFillTheSourceOnTheirOwn() throws Exception {
        fake.faults().next("*", SECRETS_RAW, 10_000, Fault.status(503));
        Map<String, String> app = settings();
        app.put("infisical.fail-fast", "false");
        app.put("infisical.resync-interval", "1s"); // retries back off from ~1 s

        SmallRyeConfig config = build(app);
        InfisicalConfigSource source = infisicalSource(config);
        CountDownLatch loaded = new CountDownLatch(1);
        source.liveSecrets().addListener(change -> {
            if (change.added().contains("DB_PASSWORD")) {
                loaded.countDown();
            }
        });
        assertThat(config.getOptionalValue("db.password", String.class)).isEmpty();

        fake.faults().clear(); // Infisical is back; nobody calls refreshNow()
        assertThat(loaded.await(30, TimeUnit.SECONDS)).as("a background retry loaded the secrets").isTrue();
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
    }

    @Test
    void collidingNamesLogOneWarningWithKeysAndFoldersButNoValues() {
        project.createFolder("dev", "/shared");
        project.putSecret("dev", "/shared", "db.password", "shared-" + CANARY);
        project.addImport("dev", "/app", "dev", "/shared");
        SmallRyeConfig config = build(settings());

        assertThat(config.getValue("db.password", String.class)).isEqualTo("shared-" + CANARY); // exact name first
        assertThat(config.getValue("DB_PASSWORD", String.class)).isEqualTo(CANARY);
        config.getValue("greeting", String.class);
        infisicalSource(config).getPropertyNames();

        List<String> warnings = logs.messages(Level.WARNING);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("DB_PASSWORD (dev:/app)", "db.password (dev:/shared (imported))");
    }

    @Test
    void nameAndToStringShowScopeButNoValues() {
        InfisicalConfigSource source = infisicalSource(build(settings()));
        assertThat(source.getName()).isEqualTo("InfisicalConfigSource[" + project.id() + "/dev/app]");
        assertThat(source.toString()).contains(source.getName()).doesNotContain(CANARY);
    }

    @Test
    void underSmallRyeTheProviderStaysSilentSoThereIsOneSource() {
        // Settings where the provider would find them (system properties) and where the factory would.
        Map<String, String> settings = settings();
        settings.forEach(System::setProperty);
        try {
            SmallRyeConfig config = build(settings);
            assertThat(infisicalSources(config)).hasSize(1);
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void rebuildingTheConfigWithTheSameSettingsReusesOneLiveSource() {
        SmallRyeConfig first = build(settings());
        SmallRyeConfig second = build(settings());
        assertThat(infisicalSource(second).liveSecrets()).isSameAs(infisicalSource(first).liveSecrets());
        assertThat(second.getValue("db.password", String.class)).isEqualTo(CANARY);
        assertThat(fake.journal().count("GET", SECRETS_RAW)).isEqualTo(1);
    }

    @Test
    void closedSourceIsNotReusedByTheNextBuild() {
        SmallRyeConfig first = build(settings());
        infisicalSource(first).close();
        SmallRyeConfig second = build(settings());
        assertThat(infisicalSource(second).liveSecrets()).isNotSameAs(infisicalSource(first).liveSecrets());
        assertThat(second.getValue("db.password", String.class)).isEqualTo(CANARY);
    }

    @Test
    void closingOneConfigsSourceKeepsTheSharedViewRefreshingForTheOthers() {
        SmallRyeConfig first = build(settings());
        SmallRyeConfig second = build(settings());
        dev.infisicalpro.LiveSecrets live = infisicalSource(second).liveSecrets();

        infisicalSource(first).close();
        infisicalSource(first).close(); // idempotent: one source returns one lease

        project.putSecret("dev", "/app", "GREETING", "hello again");
        assertThat(live.refreshNow().changed()).containsExactly("GREETING"); // still open
        assertThat(second.getValue("GREETING", String.class)).isEqualTo("hello again");

        infisicalSource(second).close(); // the last holder
        assertThatThrownBy(live::refreshNow).isInstanceOf(IllegalStateException.class);
        assertThat(SourceBootstrap.openViews()).isZero();
        assertThat(SourceBootstrap.shutdownHookRegistered()).isFalse();
    }

    @Test
    void aSourceNobodyClosesStopsRefreshingOnceItsConfigIsGarbage() throws Exception {
        Map<String, String> settings = settings();
        settings.put("infisical.ordinal", "271"); // settings of their own, shared with no other test
        java.lang.ref.WeakReference<SmallRyeConfig> discarded = discardedConfig(settings);
        dev.infisicalpro.LiveSecrets live = liveOf(settings);
        assertThat(SourceBootstrap.shutdownHookRegistered()).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!closed(live) && System.nanoTime() < deadline) {
            System.gc(); // a discarded config (a dev-mode reload, a finished test) is only ever collected
            Thread.sleep(10);
        }
        assertThat(discarded.get()).isNull();
        assertThat(closed(live)).as("the view of a collected config was closed").isTrue();
    }

    /** Builds a config, closes nothing, keeps no strong reference. */
    private java.lang.ref.WeakReference<SmallRyeConfig> discardedConfig(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(settings, "application.properties", 250)).build();
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
        return new java.lang.ref.WeakReference<>(config);
    }

    /** The view behind a source for these settings; the probe source is collected right away too. */
    private dev.infisicalpro.LiveSecrets liveOf(Map<String, String> settings) {
        SmallRyeConfig probe = new SmallRyeConfigBuilder().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(settings, "application.properties", 250)).build();
        return infisicalSource(probe).liveSecrets();
    }

    private static boolean closed(dev.infisicalpro.LiveSecrets live) {
        try {
            live.refreshNow();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    @Test
    void theShutdownHookClosesWhatIsStillOpen() {
        SmallRyeConfig config = build(settings());
        dev.infisicalpro.LiveSecrets live = infisicalSource(config).liveSecrets();
        assertThat(SourceBootstrap.shutdownHookRegistered()).isTrue();

        SourceBootstrap.closeAllAtShutdown(); // what the hook runs

        assertThatThrownBy(live::refreshNow).isInstanceOf(IllegalStateException.class);
        assertThat(SourceBootstrap.openViews()).isZero();
        infisicalSource(config).close(); // a late close after shutdown is harmless
    }

    @Test
    void quarkusBuildTimeAugmentationNeverFetchesSecrets() {
        SmallRyeConfig config = io.quarkus.deployment.QuarkusAugmentor.run(() -> build(settings()));
        assertThat(infisicalSources(config)).isEmpty();
        assertThat(fake.journal().requests()).isEmpty();
    }

    @Test
    void anyQuarkusDeploymentFrameCountsAsBuildTimeExceptDevMode() {
        // real class names from quarkus-core-deployment 3.33.2
        assertThat(List.of("io.quarkus.deployment.QuarkusAugmentor",
                "io.quarkus.deployment.configuration.BuildTimeConfigurationReader$ReadOperation$1",
                "io.quarkus.deployment.ExtensionLoader$2$1",
                "io.quarkus.deployment.steps.ConfigGenerationBuildStep",
                "io.quarkus.deployment.SomeFutureAugmentor")) // a rename must not fail open
                .allMatch(n -> SourceBootstrap.classify(n) == Boolean.TRUE);
        assertThat(List.of("io.quarkus.deployment.dev.IsolatedDevModeMain",
                "io.quarkus.deployment.dev.DevModeMain",
                "io.quarkus.deployment.dev.IsolatedRemoteDevModeMain",
                "io.quarkus.deployment.dev.testing.JunitTestRunner",
                "io.quarkus.runner.bootstrap.StartupActionImpl",
                "io.quarkus.runner.bootstrap.StartupActionImpl$1"))
                .allMatch(n -> SourceBootstrap.classify(n) == Boolean.FALSE);
        assertThat(List.of("io.quarkus.runner.recorded.ConfigBuildStep$validateRuntimeConfigProperty1282080724",
                "io.quarkus.runtime.generated.Config",
                "io.quarkus.runner.bootstrap.AugmentActionImpl", // decided by the frames it calls
                "io.smallrye.config.SmallRyeConfigBuilder",
                "dev.infisicalpro.microprofile.SourceBootstrap"))
                .allMatch(n -> SourceBootstrap.classify(n) == null);
    }

    @Test
    void augmentationInsideDevModeIsBuildTime() {
        SmallRyeConfig config = io.quarkus.deployment.dev.IsolatedDevModeMain.start(
                () -> io.quarkus.deployment.QuarkusAugmentor.run(() -> build(settings())));
        assertThat(infisicalSources(config)).isEmpty();
        assertThat(fake.journal().requests()).isEmpty();
    }

    @Test
    void anApplicationStartTriggeredFromOtherDeploymentCodeStillLoadsSecrets() {
        // e.g. a restart from the dev-mode console (io.quarkus.deployment.console)
        SmallRyeConfig config = io.quarkus.deployment.console.ConsoleStateManager.run(
                () -> io.quarkus.deployment.dev.IsolatedDevModeMain.start(() -> build(settings())));
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
    }

    @Test
    void quarkusDevModeStartStillLoadsSecrets() {
        SmallRyeConfig config = io.quarkus.deployment.dev.IsolatedDevModeMain.start(() -> build(settings()));
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
    }

    @Test
    void factoryIsDiscoveredThroughServiceLoader() {
        assertThat(java.util.ServiceLoader.load(io.smallrye.config.ConfigSourceFactory.class).stream()
                .map(p -> p.type().getName()))
                .contains(InfisicalConfigSourceFactory.class.getName());
        assertThat(new InfisicalConfigSourceFactory().getPriority()).hasValue(270);
    }
}
