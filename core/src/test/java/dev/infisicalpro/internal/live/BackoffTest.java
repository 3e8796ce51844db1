package dev.infisicalpro.internal.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Delays after a 429: never before the server's Retry-After, and spread so a fleet does not return in one second. */
class BackoffTest {

    @Test
    void afterA429EveryDelayHonoursRetryAfterAndTheFleetIsSpreadOverHalfOfIt() {
        Duration retryAfter = Duration.ofSeconds(60);
        Set<Long> seconds = new TreeSet<>();
        for (int view = 0; view < 500; view++) {
            long nanos = Backoff.failureNanos(1, Duration.ofMinutes(1), retryAfter);
            assertThat(nanos).isGreaterThanOrEqualTo(retryAfter.toNanos())
                    .isLessThanOrEqualTo(retryAfter.plusSeconds(30).toNanos());
            seconds.add(Duration.ofNanos(nanos).toSeconds());
        }
        // 500 views refused in one window come back over ~30 distinct seconds, not all in the first one.
        assertThat(seconds).hasSizeGreaterThan(20);
    }

    @Test
    void withoutRetryAfterTheFailureDelayIsTheJitteredExponentialOne() {
        for (int i = 0; i < 100; i++) {
            assertThat(Backoff.failureNanos(1, Duration.ofMinutes(1), null))
                    .isBetween(Duration.ofMillis(500).toNanos(), Duration.ofSeconds(1).toNanos());
            assertThat(Backoff.failureNanos(3, Duration.ofMinutes(1), Duration.ZERO))
                    .isBetween(Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(4).toNanos());
        }
    }
}
