package dev.infisicalpro;

import java.time.Duration;
import java.util.Objects;

/**
 * The server answered 429 after the retries allowed for the request. {@link #retryAfter()} is the
 * server's {@code Retry-After} (60 s when absent).
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (RateLimitException e) {
 *     schedule(retry, e.retryAfter());
 * }
 * }</pre>
 */
public class RateLimitException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /** The server's {@code Retry-After}, or 60 s when it sent none. */
    private final Duration retryAfter;

    /**
     * A 429 answer.
     *
     * @param summary    what failed, in one line (no secret material)
     * @param hint       how to fix it, or ""
     * @param request    the failed request (status 429)
     * @param retryAfter how long the server asked to wait
     */
    public RateLimitException(String summary, String hint, FailedRequest request, Duration retryAfter) {
        super(summary, hint, Objects.requireNonNull(request, "request"), null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * How long the server asked to wait.
     *
     * @return the server's {@code Retry-After}, 60 s when it sent none
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
