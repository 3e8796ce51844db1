package dev.infisicalpro;

import java.time.Duration;

/**
 * The server answered 429 after the retries allowed for the request. {@link #retryAfter()} is the
 * server's {@code Retry-After} (60 s when absent).
 */
public class RateLimitException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public RateLimitException(String summary, String serverMessage, String method, String path, String hint,
                              Duration retryAfter) {
        super(summary, 429, serverMessage, method, path, hint, null);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
