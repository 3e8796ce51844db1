package dev.infisicalpro.internal.live;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays of the refresh loop. Not API.
 *
 * <ul>
 *   <li>Normal refresh: the resync interval with ±10 % jitter, so many instances started together
 *       (a deployment roll-out) do not poll in lock-step.</li>
 *   <li>After a failure: 1 s, 2 s, 4 s, … capped at {@code min(5 min, 8 × resync interval)} (5 min
 *       when the interval is zero), each scaled by a random factor in [0.5, 1.0] ("equal jitter":
 *       spreads retries without ever retrying immediately).</li>
 *   <li>After a 429: at least the server's {@code Retry-After}.</li>
 * </ul>
 */
public final class Backoff {

    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX_CAP = Duration.ofMinutes(5);

    private Backoff() {
    }

    /** The upper bound of failure delays for a resync interval. */
    public static Duration cap(Duration resyncInterval) {
        if (resyncInterval.isZero()) {
            return MAX_CAP;
        }
        Duration eight = resyncInterval.multipliedBy(8);
        Duration cap = eight.compareTo(MAX_CAP) < 0 ? eight : MAX_CAP;
        return cap.compareTo(INITIAL) < 0 ? INITIAL : cap;
    }

    /** Next normal refresh delay: the interval ±10 %. */
    public static long resyncNanos(Duration resyncInterval) {
        long base = resyncInterval.toNanos();
        double factor = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        return Math.max(1, (long) (base * factor));
    }

    /** Delay after the {@code failures}-th consecutive failure ({@code failures >= 1}). */
    public static long failureNanos(int failures, Duration resyncInterval, Duration retryAfter) {
        long cap = cap(resyncInterval).toNanos();
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long raw = INITIAL.toNanos() << shift;
        long bounded = raw <= 0 || raw > cap ? cap : raw;
        long jittered = (long) (bounded * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
        long floor = retryAfter == null ? 0 : retryAfter.toNanos();
        return Math.max(Math.max(1, jittered), floor);
    }
}
