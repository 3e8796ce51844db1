package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * A read asked for an environment or path that the service token cannot serve as asked.
 *
 * <p>A service token with exactly one scope whose path has no glob makes the server answer every read
 * with that scope's folder, whatever was asked (the "scope trap"). The client refuses such a read
 * before sending; the message names the token's scope, the asked scope and the fix (a token scoped to
 * {@code /**} or {@code <path>/**}).
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (ScopeMismatchException e) {
 *     // create a service token scoped to <env>:/** (or <path>/**)
 * }
 * }</pre>
 */
public class ScopeMismatchException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public ScopeMismatchException(String summary, String hint) {
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
    public ScopeMismatchException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
