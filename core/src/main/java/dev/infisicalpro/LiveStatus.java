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
 * @param stale               true while refreshes are failing and values are last-known-good
 * @param healthy             false before the first load, or once {@code age} passed the configured
 *                            max staleness
 */
public record LiveStatus(boolean loaded, Optional<Instant> lastSuccess, Duration age, int consecutiveFailures,
                         Optional<String> lastErrorType, boolean stale, boolean healthy) {
}
