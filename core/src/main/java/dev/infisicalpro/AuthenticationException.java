package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * The server did not accept the credentials (HTTP 401, or 403 {@code TokenError} after the one
 * re-login), or a login answer was unusable. The hint lists the usual causes: identity disabled, client
 * secret expired or used up, wrong {@code host-api}.
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (AuthenticationException e) {
 *     // fix the credentials: retrying will not help
 * }
 * }</pre>
 */
public class AuthenticationException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public AuthenticationException(String summary, String hint) {
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
    public AuthenticationException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
