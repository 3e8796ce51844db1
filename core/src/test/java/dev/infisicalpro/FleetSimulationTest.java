package dev.infisicalpro;

import dev.infisicalpro.internal.live.Backoff;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.MutableClock;
import dev.infisicalpro.testkit.RecordedRequest;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fleet behaviour (issue 10): N live views, each with its own {@link InfisicalClient} (as N instances
 * of a service would have), all behind one address, against FakeInfisical with the server's rate
 * limits on (OCT24: secret routes 40/min per route and client IP, fixed 60 s window, retry-after to the
 * window's end). Time is virtual: the fake's clock is moved by a manual scheduler that runs every
 * refresh in due order, so an hour of fleet life takes a second or two and the numbers are those of
 * the real loop (its ±10 % jitter, its backoff, its retry-after floor), not of a model of it.
 * Numbers are printed for docs/fleet.md; the asserts are the properties a fleet operator relies on.
 */
class FleetSimulationTest {

    private static final String LIST = "/api/v3/secrets/raw";
    private static final String KEY = "DB_PASSWORD";
    private static final int SECRETS_LIMIT_PER_MINUTE = 40; // what the fake (OCT24) enforces, as a free plan does

    @Test
    void fiftyViewsAtTheRecommendedIntervalStayUnderTheLimitAndAllConverge() {
        Result r = simulate(50, Duration.ofMinutes(2), true);
        assertFleetProperties(r);
        assertEquals(0, r.steady429, "a fleet polling at the recommended interval is never rate limited");
    }

    @Test
    void fiveHundredViewsAtTheRecommendedIntervalStayUnderTheLimitAndAllConverge() {
        Result r = simulate(500, Duration.ofMinutes(20), true);
        assertFleetProperties(r);
        // 25 requests a minute on average: a 60 s window over 40 is rare but not impossible (seen once
        // in a loaded run, where thread timing changed the order of jitter draws); docs/fleet.md says so
        assertTrue(r.steady429 <= r.steadyRequests / 100, "rate limited more than by chance: " + r);
    }

    /**
     * Over the limit: 50 refreshes per minute against 40 allowed. The limit must bite (or the simulation
     * simulates nothing), every view must still get the rotated value, and the views refused in one
     * window must not come back in one second (before the spread after a 429: 25-38 of ~60 requests in
     * one second, 8 seeds).
     *
     * <p>The convergence bound, from the loop's rules rather than from a measurement: after the rotation
     * a view polls within 1.1 intervals (66 s); each 429 costs at most Retry-After (at most the 60 s
     * window) plus the spread (20 % of the interval, 12 s), i.e. 72 s. Retries compete like scheduled
     * polls, so each is refused with about the steady refused fraction p (measured 0.28-0.35); all 50
     * views get through within K refusals with probability 1 - 50 p^K, over 99.5 % for K = 9 at
     * p = 0.35. Bound: 66 s + 9 x 72 s = 11 min 54 s. Seeded, so the runs are repeatable.
     */
    @Test
    void fiftyViewsStartedTogetherAtTheDefaultIntervalAreRateLimitedButLoseNothingAndDoNotBunch() {
        Duration interval = Duration.ofMinutes(1);
        Duration perRefusal = Duration.ofSeconds(60).plus(interval.dividedBy(5));
        Duration bound = interval.plus(interval.dividedBy(10)).plus(perRefusal.multipliedBy(9));
        for (long seed = 1; seed <= 3; seed++) {
            Result r = simulate(50, interval, false, seed, bound);
            assertTrue(r.total429 > 0, "50 views polling every 60 s exceed 40/min: " + r);
            assertEquals(r.views, r.converged, "every view holds the rotated value within " + bound + ": " + r);
            assertEquals(0, r.regressions, "no view went back to the old value after seeing the new one: " + r);
            assertTrue(r.maxPerSecond <= r.views / 4, "refused views come back bunched: " + r);
        }
    }

    /**
     * 5,000 views at the recommended {@code N / 25} minutes (200 min), measured once for docs/fleet.md
     * rather than extrapolated; not part of CI (about 30,000 loopback requests and 5,000 clients). Run with
     * {@code FLEET_LARGE=1 mvn -o -pl core -am test -Dtest='FleetSimulationTest#fiveThousand*'}.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "FLEET_LARGE", matches = "1")
    void fiveThousandViewsAtTheRecommendedIntervalStayUnderTheLimitAndAllConverge() {
        long start = System.nanoTime();
        Result r = simulate(5_000, Duration.ofMinutes(200), true);
        System.out.println("FLEET 5000 views took " + (System.nanoTime() - start) / 1_000_000 + " ms of real time");
        assertFleetProperties(r);
        // 25 requests per 60 s window on average: over ~200 windows a few see more than 40 (measured: 2 of
        // 4,992 requests refused, then retried after Retry-After); a handful, never a burst
        assertTrue(r.steady429 <= r.steadyRequests / 100, "rate limited more than by chance: " + r);
    }

    private static void assertFleetProperties(Result r) {
        assertEquals(r.views, r.converged, "every view holds the rotated value: " + r);
        assertEquals(0, r.regressions, "no view went back to the old value after seeing the new one: " + r);
        // a synchronized burst would put the whole fleet into one second; jitter keeps any second
        // below a tenth of the fleet (or a handful, for small fleets)
        assertTrue(r.maxPerSecond <= Math.max(5, r.views / 10), "refreshes bunch up: " + r);
    }

    // ------------------------------------------------------------------ the simulation

    private static Result simulate(int n, Duration interval, boolean staggeredStart) {
        return simulate(n, interval, staggeredStart, 1, interval.multipliedBy(4).plusMinutes(5));
    }

    /** One run with the live loop's jitter drawn from {@code new Random(seed)}, so a run is repeatable. */
    private static Result simulate(int n, Duration interval, boolean staggeredStart, long seed, Duration bound) {
        Backoff.useRandom(new Random(seed));
        try {
            return simulate0(n, interval, staggeredStart, seed, bound);
        } finally {
            Backoff.useRandom(null);
        }
    }

    private static Result simulate0(int n, Duration interval, boolean staggeredStart, long seed, Duration bound) {
        MutableClock clock = MutableClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        LiveManualScheduler scheduler = new LiveManualScheduler(clock::advance);
        List<InfisicalClient> clients = new ArrayList<>();
        List<LiveSecrets> views = new ArrayList<>();
        try (FakeInfisical fake = FakeInfisical.builder().clock(clock).rateLimits(true).build().start()) {
            FakeProject project = fake.createProject("fleet");
            project.putSecret("dev", "/", KEY, "old-canary-1b7e");
            // a long token TTL keeps renewals out of the picture: only the polling is measured
            UniversalAuthCredentials id = project.createUniversalAuthIdentity("fleet", Role.ADMIN,
                    Duration.ofDays(1), Duration.ofDays(30));
            SecretQuery query = SecretQuery.of(ProjectRef.id(project.id()), "dev", "/");
            Instant begin = clock.instant();
            for (int i = 0; i < n; i++) {
                InfisicalClient client = InfisicalClient.builder()
                        .host(fake.url())
                        .credentials(Credentials.universalAuth(id.clientId(), id.clientSecret()))
                        .clock(clock)
                        .retryPolicy(RetryPolicy.none()) // one request per refresh: the loop's own pacing is measured
                        .build();
                clients.add(client);
                views.add(client.live(query).resyncInterval(interval).failFast(false)
                        .scheduler(scheduler).listenerExecutor(Runnable::run).start());
                if (staggeredStart) {
                    // a rolling deploy: instances come up one after another across one interval
                    scheduler.advance(interval.dividedBy(n));
                }
            }
            // warm up for three intervals (the phases drift with each jittered period), then measure one
            scheduler.advance(interval.multipliedBy(3));
            Instant steadyFrom = clock.instant();
            scheduler.advance(interval);
            Instant steadyTo = clock.instant();

            // rotate (seeded straight into the store, so the write itself costs no request of the fleet)
            project.putSecret("dev", "/", KEY, "new-canary-9c4d");
            Instant written = clock.instant();
            boolean[] seen = new boolean[n];
            int regressions = 0;
            Duration convergence = null;
            int maxFailures = 0;
            while (Duration.between(written, clock.instant()).compareTo(bound) < 0) {
                scheduler.advance(Duration.ofSeconds(1));
                int holding = 0;
                for (int i = 0; i < n; i++) {
                    boolean isNew = "new-canary-9c4d".equals(views.get(i).find(KEY).orElse(null));
                    if (seen[i] && !isNew) {
                        regressions++;
                    }
                    seen[i] |= isNew;
                    maxFailures = Math.max(maxFailures, views.get(i).status().consecutiveFailures());
                    holding += isNew ? 1 : 0;
                }
                if (holding == n) {
                    convergence = Duration.between(written, clock.instant());
                    break;
                }
            }
            int converged = 0;
            for (int i = 0; i < n; i++) {
                converged += "new-canary-9c4d".equals(views.get(i).find(KEY).orElse(null)) ? 1 : 0;
            }

            List<Instant> lists = new ArrayList<>();
            for (RecordedRequest req : fake.journal().requests("GET", LIST)) {
                lists.add(req.receivedAt());
            }
            Result r = analyse(n, interval, staggeredStart, seed, lists, begin, steadyFrom, steadyTo, convergence,
                    converged, regressions, maxFailures);
            System.out.println(r.report());
            return r;
        } finally {
            views.forEach(LiveSecrets::close);
            clients.forEach(InfisicalClient::close);
        }
    }

    /** Replays the fake's limiter (fixed 60 s window opened by the first request after the last one expired). */
    private static Result analyse(int n, Duration interval, boolean staggered, long seed, List<Instant> lists, Instant begin,
                                  Instant steadyFrom, Instant steadyTo, Duration convergence, int converged,
                                  int regressions, int maxFailures) {
        int total429 = 0;
        int steady429 = 0;
        int steadyRequests = 0;
        Instant windowStart = null;
        int count = 0;
        Map<Long, Integer> perSecond = new TreeMap<>();
        for (Instant t : lists) {
            if (windowStart == null || !t.isBefore(windowStart.plusSeconds(60))) {
                windowStart = t;
                count = 0;
            }
            boolean limited = ++count > SECRETS_LIMIT_PER_MINUTE;
            total429 += limited ? 1 : 0;
            if (!t.isBefore(steadyFrom) && t.isBefore(steadyTo)) {
                steadyRequests++;
                steady429 += limited ? 1 : 0;
                perSecond.merge(Duration.between(steadyFrom, t).toSeconds(), 1, Integer::sum);
            }
        }
        int maxPerSecond = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        // histogram: how many seconds of the steady interval saw 0, 1, 2, ... refreshes
        long seconds = interval.toSeconds();
        Map<Integer, Long> histogram = new TreeMap<>();
        histogram.put(0, seconds - perSecond.size());
        perSecond.values().forEach(c -> histogram.merge(c, 1L, Long::sum));
        double perMinute = steadyRequests / (interval.toMillis() / 60_000.0);
        return new Result(n, interval, staggered, seed, lists.size(), Duration.between(begin, steadyTo), total429,
                steadyRequests, perMinute, steady429, maxPerSecond, histogram, convergence, converged, regressions,
                maxFailures);
    }

    private record Result(int views, Duration interval, boolean staggeredStart, long seed, int totalLists, Duration runUpToSteadyEnd,
                          int total429, int steadyRequests, double steadyPerMinute, int steady429, int maxPerSecond,
                          Map<Integer, Long> secondsWithRefreshes, Duration convergence, int converged,
                          int regressions, int maxFailures) {
        String report() {
            return String.format("FLEET views=%d resync=%s start=%s seed=%d | steady: %d lists in one interval = %.1f/min"
                            + " (limit %d), 429s=%d, busiest second=%d, seconds-by-refresh-count=%s"
                            + " | whole run: %d lists, %d would-be 429s | rotation: all %d/%d views hold it after %s,"
                            + " regressions=%d, longest 429 streak of a view after the rotation=%d",
                    views, interval, staggeredStart ? "rolling" : "simultaneous", seed, steadyRequests, steadyPerMinute,
                    SECRETS_LIMIT_PER_MINUTE, steady429, maxPerSecond, secondsWithRefreshes, totalLists, total429,
                    converged, views, convergence == null ? "never (bounded)" : convergence, regressions, maxFailures);
        }
    }
}
