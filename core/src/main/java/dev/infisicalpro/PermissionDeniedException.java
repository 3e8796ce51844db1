package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * The credentials are valid but lack a permission for this project, environment or path (HTTP 403),
 * or the server hid secret values from them.
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (PermissionDeniedException e) {
 *     // give the identity a role that covers this path, or read less
 * }
 * }</pre>
 */
public class PermissionDeniedException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public PermissionDeniedException(String summary, String hint) {
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
    public PermissionDeniedException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
