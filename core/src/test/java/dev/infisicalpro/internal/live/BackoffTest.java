package dev.infisicalpro.internal.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delays of the refresh loop after a 429: never before the server's Retry-After, spread so a fleet refused in
 * one window does not return in one second, and not lengthened by consecutive 429s (the fleet simulation
 * showed that a growing delay starves the views refused most often).
 */
class BackoffTest {

    @AfterEach
    void defaultRandom() {
        Backoff.useRandom(null);
    }

    @Test
    void afterA429EveryDelayHonoursRetryAfterAndAFleetIsSpreadOverAFifthOfTheInterval() {
        Duration retryAfter = Duration.ofSeconds(37);
        Set<Long> seconds = new TreeSet<>();
        for (int view = 0; view < 500; view++) {
            long nanos = Backoff.failureNanos(1, Duration.ofMinutes(1), retryAfter);
            assertThat(nanos).isBetween(retryAfter.toNanos(), retryAfter.plusSeconds(12).toNanos());
            seconds.add(Duration.ofNanos(nanos).toSeconds());
        }
        // 500 views refused in one window come back over the 12 s after the window, not all in its first second
        assertThat(seconds).hasSize(12);
    }

    @Test
    void consecutive429sDoNotLengthenTheDelay() {
        for (int failures = 1; failures <= 40; failures++) {
            assertThat(Backoff.failureNanos(failures, Duration.ofMinutes(1), Duration.ofSeconds(10)))
                    .isBetween(Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(22).toNanos());
        }
    }

    @Test
    void theSpreadIsAtLeastASecondAndAtMostFiveMinutes() {
        for (int i = 0; i < 200; i++) {
            assertThat(Backoff.failureNanos(1, Duration.ZERO, Duration.ofSeconds(5)))
                    .isBetween(Duration.ofSeconds(5).toNanos(), Duration.ofSeconds(6).toNanos());
            assertThat(Backoff.failureNanos(1, Duration.ofDays(1), Duration.ofSeconds(5)))
                    .isBetween(Duration.ofSeconds(5).toNanos(), Duration.ofSeconds(5).plusMinutes(5).toNanos());
        }
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

    @Test
    void aSeededRandomMakesTheDelaysRepeatable() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        for (List<Long> run : List.of(first, second)) {
            Backoff.useRandom(new Random(42));
            for (int i = 0; i < 20; i++) {
                run.add(Backoff.resyncNanos(Duration.ofMinutes(1)));
                run.add(Backoff.failureNanos(2, Duration.ofMinutes(1), Duration.ofSeconds(30)));
            }
        }
        assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
    }
}
