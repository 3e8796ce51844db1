package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.reliability.Faults;
import dev.infisicalpro.reliability.RawServer;
import dev.infisicalpro.reliability.ThreadBaseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10's key faults through {@code spring.config.import}: a 200 {@code {}} list answer is a failed load
 * (typed error with fail-fast, "not loaded, unhealthy" with {@code optional:}); a server that hangs after
 * its headers or trickles its body holds startup and a refresh no longer than {@code infisical.read-timeout}
 * / {@code infisical.call-timeout} allow (typed error, last good values kept); no credential or value
 * appears in any report or log; no thread outlives the context ({@link ThreadBaseline}).
 */
@ExtendWith(ThreadBaseline.class)
class ImportFaultSuiteTest extends ImportTestBase {

    private static final String SECRETS_RAW = "/api/v3/secrets/raw";

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        if (t == null) {
            return "";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    @Test
    void anEmptyObjectListAnswerFailsAFailFastImportWithATypedErrorAndNoToken() {
        demo.fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        try (Demo.LogCapture logs = new Demo.LogCapture("")) {
            Throwable t = catchThrowable(() -> context = new SpringApplicationBuilder(TestApp.class)
                    .web(WebApplicationType.NONE).run(demo.args("spring.config.import=infisical:/app")));

            assertThat(t).isInstanceOf(InfisicalConfigDataException.class);
            FailureAnalysis analysis = new InfisicalFailureAnalyzer().analyze(t);
            assertThat(analysis).isNotNull();
            String everything = chain(t) + analysis.getDescription() + analysis.getAction()
                    + String.join("\n", logs.messages(Level.ALL));
            assertThat(everything).doesNotContain(demo.token.token(), Demo.CANARY);
        }
    }

    @Test
    void anEmptyObjectListAnswerWithAnOptionalImportStartsWithoutValuesAndUnhealthyNeverHealthyAndEmpty() {
        demo.fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        try (Demo.LogCapture logs = new Demo.LogCapture("")) {
            run(demo.args("spring.config.import=optional:infisical:/app"));

            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
            LiveStatus status = context.getBean(LiveSecrets.class).status();
            assertThat(status.loaded()).isFalse();
            assertThat(status.healthy()).isFalse();
            assertThat(status.consecutiveFailures()).isPositive();
            assertThat(String.join("\n", logs.messages(Level.ALL))).doesNotContain(demo.token.token());
        }
    }

    @Test
    void failFastFalseWithAnEmptyObjectAnswerStartsUnhealthy() {
        demo.fake.faults().next("GET", SECRETS_RAW, 10_000, Fault.status(200, "{}"));
        run(demo.args("spring.config.import=infisical:/app", "infisical.fail-fast=false"));

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
        assertThat(context.getBean(LiveSecrets.class).status().healthy()).isFalse();
    }

    // ------------------------------------------------------------------ raw-socket faults, universal auth

    /** A server that logs in and answers the listing, or (while {@code fault} is set) does something worse. */
    private static RawServer server(AtomicReference<String> fault) {
        return Faults.listingServer(fault);
    }

    private static String[] rawArgs(RawServer server, String... more) {
        List<String> out = new ArrayList<>(List.of("--infisical.host-api=" + server.url(),
                "--infisical.project-id=" + Faults.PROJECT, "--infisical.env-slug=dev",
                "--infisical.auth.client-id=" + Faults.CLIENT_ID, "--infisical.auth.client-secret=" + Faults.CLIENT_SECRET,
                "--infisical.resync-interval=1h"));
        for (String m : more) {
            out.add("--" + m);
        }
        return out.toArray(new String[0]);
    }

    /** Every log message and every exception logged with one, with its causes. */
    private static String logged(Demo.LogCapture logs) {
        StringBuilder sb = new StringBuilder(String.join("\n", logs.messages(Level.ALL)));
        synchronized (logs.records) {
            logs.records.forEach(r -> sb.append('\n').append(r.getMessage()).append('\n').append(chain(r.getThrown())));
        }
        return sb.toString();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private Throwable failingStart(String... args) {
        return catchThrowable(() -> context = new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE).run(args));
    }

    @Test
    void aHangAfterHeadersFailsAFailFastImportWithinTheReadTimeoutsItsSettingsAllow() {
        AtomicReference<String> fault = new AtomicReference<>("hang-after-headers");
        try (RawServer server = server(fault); Demo.LogCapture logs = new Demo.LogCapture("")) {
            long start = System.nanoTime();
            Throwable t = failingStart(rawArgs(server, "spring.config.import=infisical:", "infisical.read-timeout=1s"));
            long millis = millisSince(start);
            System.out.println("BOUND spring infisical: hang-after-headers, read-timeout=1s: failed after " + millis + " ms");

            assertThat(t).isInstanceOf(InfisicalConfigDataException.class);
            // 3 attempts of 1 s each plus backoff; with the default 30 s read timeout this took ~90 s
            assertThat(millis).as("ms until startup failed").isLessThan(15_000);
            assertThat(server.count("GET", Faults.LIST)).isBetween(1L, 3L);
            FailureAnalysis analysis = new InfisicalFailureAnalyzer().analyze(t);
            Faults.assertNoCanary(t);
            Faults.assertNoCanary("failure analysis", analysis.getDescription() + analysis.getAction());
            Faults.assertNoCanary("logs", logged(logs));
        }
    }

    @Test
    void aHangAfterHeadersDoesNotHoldAnOptionalImportBeyondItsCallTimeout() {
        AtomicReference<String> fault = new AtomicReference<>("hang-after-headers");
        try (RawServer server = server(fault); Demo.LogCapture logs = new Demo.LogCapture("")) {
            long start = System.nanoTime();
            run(rawArgs(server, "spring.config.import=optional:infisical:", "infisical.call-timeout=1s"));
            long millis = millisSince(start);
            System.out.println("BOUND spring optional:infisical: hang-after-headers, call-timeout=1s: started after "
                    + millis + " ms");

            assertThat(millis).as("ms until the app started").isLessThan(15_000);
            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
            LiveStatus status = context.getBean(LiveSecrets.class).status();
            assertThat(status.loaded()).isFalse();
            assertThat(status.healthy()).isFalse();
            Faults.assertNoCanary("logs", logged(logs));
            Faults.assertNoCanary("status", status.toString());
        }
    }

    @Test
    void aTricklingAnswerFailsAFailFastImportWithinTheCallTimeoutItsSettingsAllow() {
        AtomicReference<String> fault = new AtomicReference<>("trickle");
        try (RawServer server = server(fault); Demo.LogCapture logs = new Demo.LogCapture("")) {
            long start = System.nanoTime();
            // the read timeout (30 s) never fires on a trickle: only the whole-call deadline bounds it
            Throwable t = failingStart(rawArgs(server, "spring.config.import=infisical:", "infisical.call-timeout=1s"));
            long millis = millisSince(start);
            System.out.println("BOUND spring infisical: trickle, call-timeout=1s: failed after " + millis + " ms");

            assertThat(t).isInstanceOf(InfisicalConfigDataException.class);
            assertThat(millis).as("ms until startup failed").isLessThan(15_000);
            Faults.assertNoCanary(t);
            Faults.assertNoCanary("logs", logged(logs));
        }
    }

    @Test
    void aHangAfterHeadersOnRefreshKeepsTheLastGoodValuesAndFailsTyped() {
        AtomicReference<String> fault = new AtomicReference<>("none");
        try (RawServer server = server(fault); Demo.LogCapture logs = new Demo.LogCapture("")) {
            run(rawArgs(server, "spring.config.import=infisical:", "infisical.read-timeout=1s"));
            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo(Faults.VALUE);
            LiveSecrets live = context.getBean(LiveSecrets.class);

            fault.set("hang-after-headers");
            long start = System.nanoTime();
            Throwable t = catchThrowable(live::refreshNow);
            long millis = millisSince(start);
            System.out.println("BOUND spring refresh: hang-after-headers, read-timeout=1s: failed after " + millis + " ms");

            assertThat(t).isInstanceOf(InfisicalException.class);
            assertThat(millis).as("ms until the refresh failed").isLessThan(15_000);
            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo(Faults.VALUE);
            assertThat(live.status().consecutiveFailures()).isPositive();
            assertThat(live.status().loaded()).isTrue();
            Faults.assertNoCanary(t);
            Faults.assertNoCanary("status", live.status().toString());
            Faults.assertNoCanary("toString", live.toString());
            Faults.assertNoCanary("logs", logged(logs));
        }
    }

    @Test
    void aZeroTimeoutIsRefusedWithoutQuotingTheValue() {
        Throwable t = failingStart(demo.args("spring.config.import=infisical:/app", "infisical.call-timeout=0"));

        assertThat(t).hasStackTraceContaining("infisical.call-timeout is out of range");
    }
}
