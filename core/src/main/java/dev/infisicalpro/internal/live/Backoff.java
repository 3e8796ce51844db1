package dev.infisicalpro.internal.live;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Delays of the refresh loop. Not API.
 *
 * <ul>
 *   <li>Normal refresh: the resync interval with ±10 % jitter, so many instances started together
 *       (a deployment roll-out) do not poll in lock-step.</li>
 *   <li>After a failure: 1 s, 2 s, 4 s, … capped at {@code min(5 min, 8 × resync interval)} (5 min
 *       when the interval is zero), each scaled by a random factor in [0.5, 1.0] ("equal jitter":
 *       spreads retries without ever retrying immediately).</li>
 *   <li>After a 429 with a {@code Retry-After} R: R plus a random spread of up to 20 % of the resync
 *       interval (at least 1 s, at most 5 min), the width of the normal ±10 % jitter; consecutive
 *       429s do not lengthen it. Every view refused in one rate-limit window gets the same R (the
 *       window's end): without the spread a whole fleet returns in one second.</li>
 * </ul>
 */
public final class Backoff {

    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX_CAP = Duration.ofMinutes(5);

    /** Source of the jitter; a test of many simulated views swaps in a seeded one to be repeatable. */
    private static volatile Supplier<RandomGenerator> random = ThreadLocalRandom::current;

    private Backoff() {
    }

    /**
     * Replaces the jitter's random source (for simulations that must be repeatable); {@code null}
     * restores the default.
     *
     * @param source the generator to draw from, or null for {@link ThreadLocalRandom}
     */
    public static void useRandom(RandomGenerator source) {
        random = source == null ? ThreadLocalRandom::current : () -> source;
    }

    private static double nextDouble() {
        return random.get().nextDouble();
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
        double factor = 0.9 + 0.2 * nextDouble();
        return Math.max(1, (long) (base * factor));
    }

    /** Delay after the {@code failures}-th consecutive failure ({@code failures >= 1}). */
    public static long failureNanos(int failures, Duration resyncInterval, Duration retryAfter) {
        long cap = cap(resyncInterval).toNanos();
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        long raw = INITIAL.toNanos() << shift;
        long bounded = raw <= 0 || raw > cap ? cap : raw;
        long jittered = (long) (bounded * (0.5 + 0.5 * nextDouble()));
        long floor = retryAfter == null ? 0 : retryAfter.toNanos();
        if (floor <= 0) {
            return Math.max(1, jittered);
        }
        // After a 429 the server said when capacity returns: come back then, spread over the same width
        // as the schedule's own ±10 % jitter, and do not escalate. Measured in FleetSimulationTest (50
        // views at 1/min against 40/min): without a spread every refused view returns in the second the
        // window reopens (25-38 requests in one second); with a spread that grows per consecutive 429
        // (or the exponential backoff on top), the repeatedly refused views land ever later in a window
        // the views that got through fill at its start, and 1-2 of 50 still had the old value after
        // 9 minutes. With this fixed spread each retry competes like any scheduled poll.
        long spread = Math.min(MAX_CAP.toNanos(), Math.max(INITIAL.toNanos(), resyncInterval.toNanos() / 5));
        return floor > Long.MAX_VALUE - spread ? Long.MAX_VALUE : floor + (long) (spread * nextDouble());
    }
}
