package dev.infisicalpro.microprofile;

import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.reliability.Faults;
import dev.infisicalpro.reliability.RawServer;
import dev.infisicalpro.reliability.ThreadBaseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10's key faults through the discovered MicroProfile source: a 200 {@code {}} list answer is a failed
 * load (typed error with fail-fast, an empty but unhealthy source without); a server that hangs after its
 * headers or trickles its body holds the config build and a refresh no longer than
 * {@code infisical.read-timeout} / {@code infisical.call-timeout} allow (typed error, last good values kept);
 * no credential or value appears in any message or log; no thread outlives the sources ({@link ThreadBaseline}).
 */
@ExtendWith(ThreadBaseline.class)
class SourceFaultSuiteTest {

    private static final String CANARY = "canary-5b1d-mp-fault-value";
    private static final String SECRETS_RAW = "/api/v3/secrets/raw";

    private FakeInfisical fake;
    private String token;
    private final List<SmallRyeConfig> built = new ArrayList<>();
    private LogCapture logs;

    @AfterAll
    static void removeEverything() {
        SourceBootstrap.resetForTests();
    }

    @BeforeEach
    void startFake() {
        logs = LogCapture.start();
        fake = FakeInfisical.start();
        FakeProject project = fake.createProject("mp-faults");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", CANARY);
        token = project.createServiceToken("mp", List.of(TokenScope.of("dev", "/**")), EnumSet.of(Permission.READ))
                .token();
    }

    @AfterEach
    void stop() {
        for (SmallRyeConfig config : built) {
            for (ConfigSource s : config.getConfigSources()) {
                if (s instanceof InfisicalConfigSource source) {
                    source.close();
                }
            }
        }
        fake.close();
        logs.close();
        assertThat(logs.everything()).doesNotContain(CANARY).doesNotContain(token);
        Faults.assertNoCanary("logs", logs.everything());
    }

    private Map<String, String> settings(String host) {
        Map<String, String> s = new HashMap<>();
        s.put("infisical.host-api", host);
        s.put("infisical.auth.service-token", token);
        s.put("infisical.env-slug", "dev");
        s.put("infisical.secrets-path", "/app");
        s.put("infisical.resync-interval", "1h");
        return s;
    }

    private SmallRyeConfig build(Map<String, String> app) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDiscoveredSources().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(app, "application.properties", 250)).build();
        built.add(config);
        return config;
    }

    private static InfisicalConfigSource source(SmallRyeConfig config) {
        for (ConfigSource s : config.getConfigSources()) {
            if (s instanceof InfisicalConfigSource source) {
                return source;
            }
        }
        throw new AssertionError("no Infisical source");
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    @Test
    void anEmptyObjectListAnswerFailsAFailFastBuildWithATypedErrorAndNoToken() {
        fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));

        Throwable t = catchThrowable(() -> build(settings(fake.apiUrl())));

        assertThat(t).isInstanceOf(InfisicalException.class);
        assertThat(chain(t)).doesNotContain(token, CANARY);
    }

    @Test
    void anEmptyObjectListAnswerWithFailFastOffGivesAnEmptySourceThatIsNotHealthy() {
        fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        Map<String, String> app = settings(fake.apiUrl());
        app.put("infisical.fail-fast", "false");

        SmallRyeConfig config = build(app);

        assertThat(config.getOptionalValue("db.password", String.class)).isEmpty();
        assertThat(source(config).liveSecrets().status().loaded()).isFalse();
        assertThat(source(config).liveSecrets().status().healthy()).isFalse();
        assertThat(source(config).toString()).doesNotContain(token);
    }

    // ------------------------------------------------------------------ raw-socket faults, universal auth

    /** A server that logs in and answers the listing, or (while {@code fault} is set) does something worse. */
    private static RawServer server(AtomicReference<String> fault) {
        return Faults.listingServer(fault);
    }

    private static Map<String, String> rawSettings(RawServer server, String... more) {
        Map<String, String> s = new HashMap<>();
        s.put("infisical.host-api", server.url());
        s.put("infisical.project-id", Faults.PROJECT);
        s.put("infisical.env-slug", "dev");
        s.put("infisical.auth.client-id", Faults.CLIENT_ID);
        s.put("infisical.auth.client-secret", Faults.CLIENT_SECRET);
        s.put("infisical.resync-interval", "1h");
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return s;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aHangAfterHeadersFailsAFailFastBuildWithinTheReadTimeoutsItsSettingsAllow() {
        try (RawServer server = server(new AtomicReference<>("hang-after-headers"))) {
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> build(rawSettings(server, "infisical.read-timeout", "1s")));
            long millis = millisSince(start);
            System.out.println("BOUND mp fail-fast: hang-after-headers, read-timeout=1s: failed after " + millis + " ms");

            assertThat(t).isInstanceOf(InfisicalException.class);
            // 3 attempts of 1 s each plus backoff; with the default 30 s read timeout this took ~90 s
            assertThat(millis).as("ms until the config build failed").isLessThan(15_000);
            assertThat(server.count("GET", Faults.LIST)).isBetween(1L, 3L);
            Faults.assertNoCanary(t);
        }
    }

    @Test
    void aHangAfterHeadersDoesNotHoldAFailFastOffBuildBeyondItsCallTimeout() {
        try (RawServer server = server(new AtomicReference<>("hang-after-headers"))) {
            long start = System.nanoTime();
            SmallRyeConfig config = build(rawSettings(server, "infisical.call-timeout", "1s", "infisical.fail-fast", "false"));
            long millis = millisSince(start);
            System.out.println("BOUND mp fail-fast=false: hang-after-headers, call-timeout=1s: built after " + millis + " ms");

            assertThat(millis).as("ms until the config was built").isLessThan(15_000);
            assertThat(config.getOptionalValue("db.password", String.class)).isEmpty();
            assertThat(source(config).liveSecrets().status().loaded()).isFalse();
            assertThat(source(config).liveSecrets().status().healthy()).isFalse();
            Faults.assertNoCanary("toString", source(config).toString());
        }
    }

    @Test
    void aTricklingAnswerFailsAFailFastBuildWithinTheCallTimeoutItsSettingsAllow() {
        try (RawServer server = server(new AtomicReference<>("trickle"))) {
            long start = System.nanoTime();
            // the read timeout (30 s) never fires on a trickle: only the whole-call deadline bounds it
            Throwable t = catchThrowable(() -> build(rawSettings(server, "infisical.call-timeout", "1s")));
            long millis = millisSince(start);
            System.out.println("BOUND mp fail-fast: trickle, call-timeout=1s: failed after " + millis + " ms");

            assertThat(t).isInstanceOf(InfisicalException.class);
            assertThat(millis).as("ms until the config build failed").isLessThan(15_000);
            Faults.assertNoCanary(t);
        }
    }

    @Test
    void aHangAfterHeadersOnRefreshKeepsTheLastGoodValuesAndFailsTyped() {
        AtomicReference<String> fault = new AtomicReference<>("none");
        try (RawServer server = server(fault)) {
            SmallRyeConfig config = build(rawSettings(server, "infisical.read-timeout", "1s"));
            assertThat(config.getValue("db.password", String.class)).isEqualTo(Faults.VALUE);
            LiveSecrets live = source(config).liveSecrets();

            fault.set("hang-after-headers");
            long start = System.nanoTime();
            Throwable t = catchThrowable(live::refreshNow);
            long millis = millisSince(start);
            System.out.println("BOUND mp refresh: hang-after-headers, read-timeout=1s: failed after " + millis + " ms");

            assertThat(t).isInstanceOf(InfisicalException.class);
            assertThat(millis).as("ms until the refresh failed").isLessThan(15_000);
            assertThat(config.getValue("db.password", String.class)).isEqualTo(Faults.VALUE);
            assertThat(live.status().consecutiveFailures()).isPositive();
            Faults.assertNoCanary(t);
            Faults.assertNoCanary("status", live.status().toString());
            Faults.assertNoCanary("toString", source(config).toString());
        }
    }
}
