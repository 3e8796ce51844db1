package dev.infisicalpro;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The refresh loop survives what is not an Infisical failure (an {@link Error} from a component of
 * the application), the snapshot's map identity on a 304, and the listener handle's API.
 */
class LiveRobustnessTest {

    private final LiveFixture f = new LiveFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** The fixture's clock, which throws the armed error once from its next read. */
    private static final class TrippingClock extends Clock {
        private final Clock delegate;
        final AtomicReference<Supplier<Error>> armed = new AtomicReference<>();

        TrippingClock(Clock delegate) {
            this.delegate = delegate;
        }

        @Override
        public Instant instant() {
            Supplier<Error> error = armed.getAndSet(null);
            if (error != null) {
                throw error.get();
            }
            return delegate.instant();
        }

        @Override
        public ZoneId getZone() {
            return delegate.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return delegate.withZone(zone);
        }
    }

    private InfisicalClient clientWith(Clock clock) {
        return InfisicalClient.builder()
                .host(f.fake.url())
                .credentials(Credentials.universalAuth(f.identity.clientId(), f.identity.clientSecret()))
                .clock(clock)
                .retryPolicy(RetryPolicy.none())
                .build();
    }

    @Test
    void anErrorOtherThanAVirtualMachineErrorIsCountedAsAFailureAndTheLoopKeepsRefreshing() {
        f.project.putSecret("dev", "/", "A", "1");
        TrippingClock clock = new TrippingClock(f.clock);
        try (InfisicalClient client = clientWith(clock);
             LiveSecrets live = client.live(f.query("/")).scheduler(f.scheduler).start()) {
            assertThat(f.scheduler.pending()).isEqualTo(1);

            // e.g. a broken META-INF/services entry met during a background refresh
            clock.armed.set(() -> new ServiceConfigurationError("provider not found"));
            f.scheduler.runNext();

            LiveStatus status = live.status();
            assertThat(status.consecutiveFailures()).isEqualTo(1);
            assertThat(status.lastErrorType()).contains("ServiceConfigurationError");
            assertThat(status.stale()).isTrue();
            assertThat(live.get("A")).isEqualTo("1"); // last good values stay
            assertThat(f.scheduler.pending()).as("the loop scheduled its next attempt").isEqualTo(1);
            assertThat(String.join("\n", f.logs.warnings())).contains("java.util.ServiceConfigurationError");

            f.project.putSecret("dev", "/", "A", "2");
            f.scheduler.runNext();
            assertThat(live.get("A")).isEqualTo("2");
            assertThat(live.status().consecutiveFailures()).isZero();
        }
    }

    @Test
    void aLinkageErrorDuringABackgroundRefreshDoesNotEndTheLoop() {
        f.project.putSecret("dev", "/", "A", "1");
        TrippingClock clock = new TrippingClock(f.clock);
        try (InfisicalClient client = clientWith(clock);
             LiveSecrets live = client.live(f.query("/")).scheduler(f.scheduler).start()) {
            clock.armed.set(() -> new NoSuchMethodError("kotlin.collections.ArraysKt.copyInto"));
            f.scheduler.runNext();
            assertThat(live.status().lastErrorType()).contains("NoSuchMethodError");
            assertThat(f.scheduler.pending()).isEqualTo(1);
        }
    }

    @Test
    void aVirtualMachineErrorStillLeavesTheNextAttemptScheduled() {
        f.project.putSecret("dev", "/", "A", "1");
        TrippingClock clock = new TrippingClock(f.clock);
        try (InfisicalClient client = clientWith(clock);
             LiveSecrets live = client.live(f.query("/")).scheduler(f.scheduler).start()) {
            clock.armed.set(() -> new StackOverflowError());
            // the error still reaches the scheduled task (this scheduler reports it) ...
            assertThatThrownBy(f.scheduler::runNext).hasRootCauseInstanceOf(StackOverflowError.class);
            assertThat(live.status().lastErrorType()).contains("StackOverflowError");
            assertThat(f.scheduler.pending()).as("... but the next attempt is scheduled").isEqualTo(1);
            f.project.putSecret("dev", "/", "A", "2");
            f.scheduler.runNext();
            assertThat(live.get("A")).isEqualTo("2");
        }
    }

    @Test
    void a304KeepsTheSecretsMapInstanceAlsoWhenSeveralFoldersAreMerged() {
        f.project.createFolder("dev", "/shared");
        f.project.createFolder("dev", "/app");
        f.project.putSecret("dev", "/shared", "S", "s");
        f.project.putSecret("dev", "/app", "A", "a");
        try (LiveSecrets live = f.live("/shared", "/app").start()) {
            SecretSnapshot before = live.snapshot();
            f.clock.advance(Duration.ofSeconds(5));
            assertThat(live.refreshNow().isEmpty()).isTrue();
            SecretSnapshot after = live.snapshot();
            assertThat(after).isNotSameAs(before);
            assertThat(after.fetchedAt()).isAfter(before.fetchedAt());
            assertThat(after.secrets()).isSameAs(before.secrets()); // adapters may cache by this identity

            f.project.putSecret("dev", "/app", "A", "b");
            live.refreshNow();
            assertThat(live.snapshot().secrets()).isNotSameAs(before.secrets());
        }
    }

    @Test
    void addListenerReturnsASubscriptionWhoseCloseNeedsNoCatchAndIsIdempotent() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").start()) {
            try (Subscription sub = live.addListener(f.events::add)) { // compiles without catch (Exception)
                f.project.putSecret("dev", "/", "A", "2");
                live.refreshNow();
                assertThat(f.events).hasSize(1);
                sub.close();
            }
            f.project.putSecret("dev", "/", "A", "3");
            live.refreshNow();
            assertThat(f.events).hasSize(1);
        }
    }

    @Test
    void aSnapshotNeedsAFetchTime() {
        assertThatThrownBy(() -> new SecretSnapshot(Map.of(), "", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("fetchedAt");
    }
}
