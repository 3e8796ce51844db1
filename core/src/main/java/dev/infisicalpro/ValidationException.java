package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * Settings or arguments were refused. Either the client refused them before sending (missing,
 * conflicting or malformed settings such as no auth method or two, no env-slug, wrong keys in a
 * credentials directory; or inputs the server would turn into a 500, such as a key over 500 characters,
 * a body of 1 MiB or more, a folder name outside {@code [A-Za-z0-9_-]}), and then {@link #request()}
 * is empty; or the server rejected the request's arguments (older servers: 401
 * {@code ValidationFailure}; newer: 422; and plain 400s), and the message lists its issues. Never an
 * authentication problem. The message names the settings or fields to fix.
 *
 * <pre>{@code
 * try {
 *     settings = InfisicalSettings.fromSystem();
 * } catch (ValidationException e) {
 *     log.error(e.getMessage()); // names the keys to set or the fields to fix
 * }
 * }</pre>
 */
public class ValidationException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public ValidationException(String summary, String hint) {
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
    public ValidationException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
