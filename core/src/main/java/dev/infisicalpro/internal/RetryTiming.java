package dev.infisicalpro.internal;

import dev.infisicalpro.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt of a request: exponential backoff with full jitter, and the
 * server's {@code Retry-After}. Loaded only when a request is retried. Not API.
 */
final class RetryTiming {

    /** Infisical's own {@code Retry-After}, assumed when the answer gives none or an unreadable one. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private RetryTiming() {
    }

    /** A random pause between zero and the policy's ceiling for {@code attempt} (1-based), doubling up to the cap. */
    static Duration backoff(RetryPolicy retry, int attempt) {
        long ceiling = retry.initialBackoff().toMillis();
        for (int i = 1; i < attempt && ceiling < retry.maxBackoff().toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, retry.maxBackoff().toMillis());
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1)); // full jitter
    }

    /**
     * {@code Retry-After} as delta-seconds or as an HTTP-date (RFC 9110; a proxy or CDN in front of the
     * server may send that form); missing or unreadable means {@link #DEFAULT_RETRY_AFTER}.
     */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String h = header.trim();
        try {
            long s = Long.parseLong(h);
            return Duration.ofSeconds(Math.max(0, s));
        } catch (NumberFormatException e) {
            // fall through to the date form
        }
        try {
            Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
