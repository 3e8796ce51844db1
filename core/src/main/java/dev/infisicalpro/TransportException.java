package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * No usable answer: connection refused, timeout, a server error (HTTP 5xx) after the retries allowed
 * for the request, malformed JSON, or a response over the size limit. The message names the host;
 * {@link #status()} is present when the server answered (5xx) and empty when it did not. Retrying
 * later may help.
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (TransportException e) {
 *     // Infisical or the network is down: keep the last good values and try again later
 * }
 * }</pre>
 */
public class TransportException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public TransportException(String summary, String hint) {
        super(summary, hint);
    }

    /**
     * A failure of a request, or one with a cause.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     * @param request the failed request, or null when none was sent
     * @param cause   the underlying cause, or null
     */
    public TransportException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
