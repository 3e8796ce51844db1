package dev.infisicalpro;

import java.time.Duration;

/**
 * How requests are retried: exponential backoff with full jitter, honouring {@code Retry-After}.
 * Reads retry on connect errors, timeouts, 429, 502, 503 and 504; writes only where the server
 * cannot have applied them (connect failures, 429).
 *
 * <pre>{@code
 * RetryPolicy.defaults();                                  // 3 attempts, 200 ms .. 5 s
 * new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(30));
 * RetryPolicy.none();
 * }</pre>
 *
 * @param maxAttempts      attempts in all, including the first (1 = no retry)
 * @param initialBackoff   backoff ceiling before the second attempt
 * @param maxBackoff       cap of the backoff ceiling
 * @param maxRetryAfter    longest {@code Retry-After} honoured inline; a longer one fails at once
 *                         with {@link RateLimitException}
 *
 * <p>Infisical of late 2024 (and the testkit's {@code OCT24} generation) always answers a 429 with
 * {@code retry-after: 60}. With the default {@code maxRetryAfter} of 10 s a real rate limit therefore
 * fails fast with {@link RateLimitException} (its {@link RateLimitException#retryAfter()} is 60 s)
 * instead of blocking the calling thread for a minute; {@link LiveSecrets} then waits that long
 * before its next refresh. Raise {@code maxRetryAfter} above 60 s to wait inline instead.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /**
     * Validates.
     *
     * @param maxAttempts attempts in all, at least 1
     * @param initialBackoff backoff ceiling before the second attempt, not negative
     * @param maxBackoff cap of the backoff ceiling, not negative
     * @param maxRetryAfter longest {@code Retry-After} waited for inline, not negative
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1 or a duration is negative
     * @throws NullPointerException     when a duration is null
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (RetryPolicy.none() is 1), was "
                    + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry durations must not be negative");
        }
    }

    /**
     * 3 attempts, 200 ms initial, 5 s cap, Retry-After honoured up to 10 s.
     *
     * @return the policy a client uses unless told otherwise
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /**
     * A single attempt.
     *
     * @return a policy that never retries
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}
