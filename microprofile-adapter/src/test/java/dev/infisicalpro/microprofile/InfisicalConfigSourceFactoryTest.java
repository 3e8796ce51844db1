package dev.infisicalpro.microprofile;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.ValidationException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final List<SmallRyeConfig> built = Collections.synchronizedList(new ArrayList<>());
    private LogCapture logs;

    /** Leaves no view and no JVM shutdown hook behind for the next test class. */
    @AfterAll
    static void removeEverything() {
        SourceBootstrap.resetForTests();
        assertThat(SourceBootstrap.shutdownHookRegistered()).isFalse();
    }

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
        for (SmallRyeConfig config : List.copyOf(built)) {
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
                .isInstanceOf(ValidationException.class)
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
                .isInstanceOf(ValidationException.class)
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
                .isInstanceOf(ValidationException.class)
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
    void theCleanerActionOfTheLastUnclosedSourceStopsTheView() {
        Map<String, String> settings = settings();
        settings.put("infisical.ordinal", "276"); // settings of their own, shared with no other test
        InfisicalConfigSource first = infisicalSource(build(settings));
        InfisicalConfigSource second = infisicalSource(build(settings));
        dev.infisicalpro.LiveSecrets live = first.liveSecrets();
        assertThat(second.liveSecrets()).isSameAs(live);

        first.runCleanerAction(); // what the Cleaner runs once a discarded config's source is unreachable
        first.runCleanerAction(); // runs at most once
        assertThat(SourceBootstrap.isOpen(live)).as("another source still holds the view").isTrue();

        second.runCleanerAction();
        assertThat(SourceBootstrap.isOpen(live)).isFalse();
        assertThatThrownBy(live::refreshNow).isInstanceOf(IllegalStateException.class);
        second.close(); // a close after the cleaner ran returns nothing twice
    }

    @Test
    void aSourceNobodyClosesStopsRefreshingOnceItsConfigIsGarbage() throws Exception {
        Map<String, String> settings = settings();
        settings.put("infisical.ordinal", "271"); // settings of their own, shared with no other test
        Discarded discarded = discardedConfig(settings);
        assertThat(SourceBootstrap.isOpen(discarded.live())).isTrue();

        // Only the GC can make a discarded config unreachable, and it may ignore System.gc()
        // (-XX:+DisableExplicitGC): skip, rather than fail, when nothing was collected in time.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (SourceBootstrap.isOpen(discarded.live()) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        Assumptions.assumeTrue(discarded.config().get() == null, "the GC did not collect the config in time");
        // collected: the Cleaner runs soon after; the probe is a map lookup, no request
        while (SourceBootstrap.isOpen(discarded.live()) && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(20);
        }
        assertThat(SourceBootstrap.isOpen(discarded.live())).as("the view of a collected config was closed").isFalse();
    }

    private record Discarded(java.lang.ref.WeakReference<SmallRyeConfig> config, dev.infisicalpro.LiveSecrets live) {
    }

    /** Builds a config, closes nothing, keeps no strong reference to it or its source. */
    private Discarded discardedConfig(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(settings, "application.properties", 250)).build();
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
        return new Discarded(new java.lang.ref.WeakReference<>(config), infisicalSource(config).liveSecrets());
    }

    @Test
    void theShutdownHookClosesWhatIsStillOpen() {
        SmallRyeConfig config = build(settings());
        dev.infisicalpro.LiveSecrets live = infisicalSource(config).liveSecrets();
        assertThat(SourceBootstrap.shutdownHookRegistered()).isTrue();

        SourceBootstrap.closeAtShutdown(l -> l == live); // what the hook runs, for this test's view only

        assertThatThrownBy(live::refreshNow).isInstanceOf(IllegalStateException.class);
        assertThat(SourceBootstrap.isOpen(live)).isFalse();
        infisicalSource(config).close(); // a late close after shutdown is harmless
    }

    @Test
    void theShutdownHookIsRemovedOnceNothingIsOpen() {
        SourceBootstrap.resetForTests(); // whatever earlier tests left
        SmallRyeConfig config = build(settings());
        assertThat(SourceBootstrap.shutdownHookRegistered()).isTrue();
        infisicalSource(config).close();
        assertThat(SourceBootstrap.shutdownHookRegistered()).isFalse();

        build(settings());
        SourceBootstrap.closeAllAtShutdown();
        assertThat(SourceBootstrap.openViews()).isZero();
        assertThat(SourceBootstrap.shutdownHookRegistered()).as("the hook does not pile up").isFalse();
    }

    @Test
    void aSlowFirstLoadBlocksNeitherReleasesNorOtherSettings() throws Exception {
        Map<String, String> other = settings();
        other.put("infisical.ordinal", "273");
        InfisicalConfigSource otherSource = infisicalSource(build(other));
        Map<String, String> slow = settings();
        slow.put("infisical.ordinal", "274");
        Map<String, String> third = settings();
        third.put("infisical.ordinal", "275");

        int before = fake.journal().count("GET", SECRETS_RAW);
        fake.faults().next("GET", SECRETS_RAW, 1, Fault.delay(Duration.ofSeconds(8)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<SmallRyeConfig> slowBuild = pool.submit(() -> build(slow));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (fake.journal().count("GET", SECRETS_RAW) == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(fake.journal().count("GET", SECRETS_RAW)).as("the slow load is in flight").isGreaterThan(before);
            assertThat(slowBuild.isDone()).isFalse();

            // the server holds the slow load for 8 s: neither of these may wait for it
            pool.submit(otherSource::close).get(5, TimeUnit.SECONDS);
            assertThat(SourceBootstrap.isOpen(otherSource.liveSecrets())).isFalse();
            SmallRyeConfig thirdConfig = pool.submit(() -> build(third)).get(5, TimeUnit.SECONDS);
            assertThat(thirdConfig.getValue("db.password", String.class)).isEqualTo(CANARY);

            assertThat(slowBuild.get(30, TimeUnit.SECONDS).getValue("db.password", String.class)).isEqualTo(CANARY);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentBuildsWithEqualSettingsLoadOnce() throws Exception {
        Map<String, String> settings = settings();
        settings.put("infisical.ordinal", "277");
        int before = fake.journal().count("GET", SECRETS_RAW);
        fake.faults().next("GET", SECRETS_RAW, 1, Fault.delay(Duration.ofMillis(500))); // overlap the builds
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<SmallRyeConfig>> builds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                builds.add(CompletableFuture.supplyAsync(() -> build(settings), pool));
            }
            List<dev.infisicalpro.LiveSecrets> views = new ArrayList<>();
            for (CompletableFuture<SmallRyeConfig> b : builds) {
                views.add(infisicalSource(b.get(30, TimeUnit.SECONDS)).liveSecrets());
            }
            assertThat(views).allSatisfy(v -> assertThat(v).isSameAs(views.get(0)));
            assertThat(fake.journal().count("GET", SECRETS_RAW) - before).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void equalSettingsShareAViewButDifferentCredentialsDoNot() {
        String otherToken = project.createServiceToken("mp-other", List.of(TokenScope.of("dev", "/**")),
                EnumSet.of(Permission.READ)).token();
        Map<String, String> other = settings();
        other.put("infisical.auth.service-token", otherToken);
        InfisicalConfigSource first = infisicalSource(build(settings()));
        InfisicalConfigSource same = infisicalSource(build(settings()));
        InfisicalConfigSource differentCredentials = infisicalSource(build(other));
        assertThat(same.liveSecrets()).isSameAs(first.liveSecrets());
        assertThat(differentCredentials.liveSecrets()).isNotSameAs(first.liveSecrets());
    }

    @Test
    void theSettingsFingerprintIsKeyedNotAPlainHashOfTheCredentials() throws Exception {
        Map<String, String> settings = settings();
        dev.infisicalpro.config.PropertyLookup props = k -> java.util.Optional.ofNullable(settings.get(k));
        dev.infisicalpro.config.PropertyLookup env = k -> java.util.Optional.empty();
        String fingerprint = dev.infisicalpro.internal.SharedLiveViews.fingerprint(props, env, Map.of());
        assertThat(dev.infisicalpro.internal.SharedLiveViews.fingerprint(props, env, Map.of())).isEqualTo(fingerprint);
        Map<String, String> changed = new HashMap<>(settings);
        changed.put("infisical.auth.service-token", token + "x");
        assertThat(dev.infisicalpro.internal.SharedLiveViews.fingerprint(k -> java.util.Optional.ofNullable(changed.get(k)), env, Map.of()))
                .isNotEqualTo(fingerprint);

        // the same text hashed without the per-JVM key must not give the key away
        StringBuilder sb = new StringBuilder();
        for (String k : dev.infisicalpro.config.InfisicalSettings.ALL_KEYS) {
            sb.append(k).append('=').append(settings.getOrDefault(k, "")).append('\n');
            sb.append(dev.infisicalpro.config.InfisicalSettings.environmentName(k)).append("=\n");
        }
        for (String k : dev.infisicalpro.config.InfisicalSettings.ENVIRONMENT_VARIABLES) {
            sb.append(k).append("=\n");
        }
        String unsalted = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(fingerprint).isNotEqualTo(unsalted).doesNotContain(token);
    }

    @Test
    void getValueAfterAChangeComputesNoNamesAndEnumerationComputesThemOnce() {
        InfisicalConfigSource source = infisicalSource(build(settings()));
        int computed = source.namesComputed();

        project.putSecret("dev", "/app", "NEW_KEY", "new");
        source.liveSecrets().refreshNow();
        for (int i = 0; i < 100; i++) {
            assertThat(source.getValue("new.key")).isEqualTo("new");
            assertThat(source.getValue("db.password")).isEqualTo(CANARY);
        }
        assertThat(source.namesComputed()).isEqualTo(computed);

        assertThat(source.getPropertyNames()).contains("NEW_KEY", "new.key");
        assertThat(source.getPropertyNames()).contains("NEW_KEY");
        assertThat(source.namesComputed()).isEqualTo(computed + 1);
    }

    @Test
    void aCollisionThatARefreshBringsInIsWarnedOnceWithoutAnyEnumeration() throws Exception {
        SmallRyeConfig config = build(settings());
        InfisicalConfigSource source = infisicalSource(config);
        assertThat(logs.messages(Level.WARNING)).isEmpty();
        CountDownLatch delivered = new CountDownLatch(1);
        source.liveSecrets().addListener(change -> delivered.countDown());

        project.putSecret("dev", "/app", "db_password", "lower-" + CANARY);
        source.liveSecrets().refreshNow();
        assertThat(config.getValue("DB_PASSWORD", String.class)).isEqualTo(CANARY);
        assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (logs.messages(Level.WARNING).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        source.getPropertyNames(); // enumeration afterwards does not repeat the warning
        List<String> warnings = logs.messages(Level.WARNING);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("DB_PASSWORD (dev:/app)", "db_password (dev:/app)");
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
                .allMatch(n -> QuarkusBuildCheck.classify(n) == Boolean.TRUE);
        assertThat(List.of("io.quarkus.deployment.dev.IsolatedDevModeMain",
                "io.quarkus.deployment.dev.DevModeMain",
                "io.quarkus.deployment.dev.IsolatedRemoteDevModeMain",
                "io.quarkus.deployment.dev.testing.JunitTestRunner",
                "io.quarkus.runner.bootstrap.StartupActionImpl",
                "io.quarkus.runner.bootstrap.StartupActionImpl$1"))
                .allMatch(n -> QuarkusBuildCheck.classify(n) == Boolean.FALSE);
        assertThat(List.of("io.quarkus.runner.recorded.ConfigBuildStep$validateRuntimeConfigProperty1282080724",
                "io.quarkus.runtime.generated.Config",
                "io.quarkus.runner.bootstrap.AugmentActionImpl", // decided by the frames it calls
                "io.smallrye.config.SmallRyeConfigBuilder",
                "dev.infisicalpro.microprofile.SourceBootstrap"))
                .allMatch(n -> QuarkusBuildCheck.classify(n) == null);
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
