package dev.infisicalpro;

import dev.infisicalpro.testkit.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link InfisicalClient.Builder#warnings}: every warning also reaches the application's sink, same text. */
class WarningSinkTest {

    private final LiveFixture f = new LiveFixture();
    private final List<String> sink = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        f.close();
    }

    private InfisicalClient client() {
        return InfisicalClient.builder().host(f.fake.url())
                .credentials(Credentials.universalAuth(f.identity.clientId(), f.identity.clientSecret()))
                .clock(f.clock).retryPolicy(RetryPolicy.none()).warnings(sink::add).build();
    }

    /** The logged WARNING texts, without the level prefix LiveLogCapture adds. */
    private List<String> loggedWarnings() {
        return f.logs.warnings().stream().map(m -> m.substring(m.indexOf(' ') + 1)).toList();
    }

    @Test
    void plainHttpWarningReachesTheSinkWithTheLoggedText() {
        InfisicalClient.builder().host("http://infisical.internal.example:8080")
                .credentials(Credentials.accessToken("t")).warnings(sink::add).build().close();
        assertThat(sink).singleElement().asString().contains("http://infisical.internal.example:8080/api")
                .contains("https://");
        assertThat(sink).isEqualTo(loggedWarnings());
    }

    @Test
    void noSinkByDefaultAndTheLoggerStillWarns() {
        InfisicalClient.builder().host("http://infisical.internal.example:8080")
                .credentials(Credentials.accessToken("t")).build().close();
        assertThat(loggedWarnings()).hasSize(1);
        assertThat(sink).isEmpty();
    }

    @Test
    void liveViewWarningsStartupCollisionAndFailureStreakReachTheSinkWithoutSecretValues() {
        f.project.createFolder("dev", "/a");
        f.project.createFolder("dev", "/b");
        f.project.putSecret("dev", "/a", "SHARED", LiveFixture.CANARY);
        f.project.putSecret("dev", "/b", "SHARED", LiveFixture.CANARY + "-b");
        f.fake.faults().next("GET", LiveFixture.LIST, 1, Fault.status(503));
        try (InfisicalClient client = client();
             LiveSecrets live = client.live(f.query("/a", "/b")).failFast(false).scheduler(f.scheduler)
                     .listenerExecutor(Runnable::run).start()) {
            assertThat(sink).singleElement().asString().contains("could not be loaded at startup");
            f.scheduler.runNext(); // loads: the collision warning
            assertThat(live.get("SHARED")).isEqualTo(LiveFixture.CANARY + "-b");
            assertThat(sink).hasSize(2).last().asString().contains("more than one path").contains("SHARED");
            f.fake.faults().next("GET", LiveFixture.LIST, 2, Fault.status(503));
            f.scheduler.runNext(); // first failure of a streak: one warning
            f.scheduler.runNext(); // second: debug only
            assertThat(sink).hasSize(3).last().asString().contains("failed").contains("TransportException");
        }
        assertThat(sink).isEqualTo(loggedWarnings());
        assertThat(String.join("\n", sink)).doesNotContain(LiveFixture.CANARY);
    }

    @Test
    void aSinkThatThrowsIsIgnored() {
        f.project.putSecret("dev", "/", "A", "1");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (InfisicalClient client = InfisicalClient.builder().host(f.fake.url())
                .credentials(Credentials.universalAuth(f.identity.clientId(), f.identity.clientSecret()))
                .clock(f.clock).retryPolicy(RetryPolicy.none())
                .warnings(w -> {
                    seen.add(w);
                    throw new IllegalStateException("sink broken");
                }).build();
             LiveSecrets live = client.live(f.query("/")).scheduler(f.scheduler).listenerExecutor(Runnable::run)
                     .start()) {
            f.fake.faults().next("GET", LiveFixture.LIST, 1, Fault.status(503));
            f.scheduler.runNext(); // the refresh fails and warns; the throwing sink changes nothing
            assertThat(seen).hasSize(1);
            assertThat(live.status().consecutiveFailures()).isEqualTo(1);
            assertThat(f.scheduler.pending()).isEqualTo(1); // the loop goes on
            f.scheduler.runNext();
            assertThat(live.status().consecutiveFailures()).isZero();
            assertThat(live.get("A")).isEqualTo("1");
        }
    }
}
