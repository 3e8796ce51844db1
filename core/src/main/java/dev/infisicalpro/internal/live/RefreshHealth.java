package dev.infisicalpro.internal.live;

import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.internal.Warnings;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome bookkeeping of one live view: the last success, failures in a row and the last error
 * type behind {@code status()}, the max-staleness check, and the log lines a failure or a recovery
 * is worth. Written only by the refresh in flight (single-flight), read by anyone. Not API.
 */
final class RefreshHealth {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.live");

    /** {@code lastSuccess} and {@code lastError} are null when there is none. */
    private record Counts(Instant lastSuccess, int failures, String lastError) {
    }

    private final SecretQuery query; // for messages only
    private final Clock clock;
    private final Duration maxStaleness;
    private final Warnings warnings;
    private volatile Counts counts = new Counts(null, 0, null);

    RefreshHealth(SecretQuery query, Clock clock, Duration maxStaleness, Warnings warnings) {
        this.query = query;
        this.clock = clock;
        this.maxStaleness = maxStaleness;
        this.warnings = warnings;
    }

    /** The status, measured with the client's clock; {@code loaded}: whether a first load succeeded. */
    LiveStatus status(boolean loaded) {
        Counts h = counts;
        Duration age = age(h, clock.instant());
        boolean overMax = loaded && overMaxStaleness(age);
        return new LiveStatus(loaded, Optional.ofNullable(h.lastSuccess), age, h.failures,
                Optional.ofNullable(h.lastError), loaded && (h.failures > 0 || overMax), loaded && !overMax);
    }

    /** Failed refreshes in a row. */
    int failures() {
        return counts.failures;
    }

    private static Duration age(Counts h, Instant now) {
        if (h.lastSuccess == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(h.lastSuccess, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    private boolean overMaxStaleness(Duration age) {
        return !maxStaleness.isZero() && age.compareTo(maxStaleness) > 0;
    }

    /** Throws when loaded values were last confirmed longer ago than the max staleness. */
    void checkFresh(boolean loaded) {
        if (!loaded) {
            return; // nothing to be stale yet; a miss reports "not loaded"
        }
        Duration age = age(counts, clock.instant());
        if (overMaxStaleness(age)) {
            throw new InfisicalException("live secrets for " + query + " are stale: last confirmed by the server "
                    + age.toSeconds() + " s ago, more than the max staleness of "
                    + maxStaleness.toSeconds() + " s",
                    "check that Infisical is reachable (status().lastErrorType() says why refreshes fail), or allow"
                            + " stale values with serveStale(true)");
        }
    }

    void success(Instant now) {
        Counts before = counts;
        counts = new Counts(now, 0, null);
        if (before.failures > 0 && before.lastSuccess != null) {
            LOG.log(Level.INFO, () -> "Refreshing Infisical secrets for " + query + " works again after "
                    + before.failures + " failed attempt(s)");
        }
    }

    /**
     * Counts the failure; logs it unless {@code quiet} (start() reports the first failure itself, and a
     * refresh cut short by close() is no news).
     */
    void failure(Throwable e, boolean quiet) {
        Counts before = counts;
        Counts after = new Counts(before.lastSuccess, before.failures + 1, e.getClass().getSimpleName());
        counts = after;
        if (quiet) {
            return;
        }
        if (after.failures == 1) {
            warnings.warn(LOG, () -> "Refreshing Infisical secrets for " + query + " failed (" + describe(e)
                    + "); serving the last good values and retrying with backoff");
        } else {
            LOG.log(Level.DEBUG, () -> "Refreshing Infisical secrets for " + query + " failed again ("
                    + after.failures + " in a row): " + e.getClass().getSimpleName());
        }
    }

    /** This library's exception messages carry no secret material (RedactionCanaryTest); others: type only. */
    static String describe(Throwable e) {
        return e instanceof InfisicalException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getName();
    }
}
