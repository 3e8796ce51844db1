package dev.infisicalpro;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Health of a {@link LiveSecrets}: how old the data is and whether refreshes are failing.
 *
 * <pre>{@code
 * LiveStatus s = live.status();
 * if (!s.healthy()) alert("Infisical unreachable for " + s.age());
 * }</pre>
 *
 * @param loaded              true once a first load succeeded
 * @param lastSuccess         when the server last confirmed the data
 * @param age                 time since {@code lastSuccess} (zero before the first load)
 * @param consecutiveFailures failed refreshes since the last success
 * @param lastErrorType       simple class name of the last refresh error, if the last refresh failed
 * @param stale               true once loaded while refreshes are failing (values are last-known-good),
 *                            or while {@code age} is past the configured max staleness
 * @param healthy             false before the first load, or once {@code age} passed the configured
 *                            max staleness (values are still served unless {@code serveStale(false)})
 */
public record LiveStatus(boolean loaded, Optional<Instant> lastSuccess, Duration age, int consecutiveFailures,
                         Optional<String> lastErrorType, boolean stale, boolean healthy) {
}
