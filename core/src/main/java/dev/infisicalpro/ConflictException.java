package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * The thing to create already exists (HTTP 400 "Secret already exist").
 *
 * <pre>{@code
 * try {
 *     secrets.create(scope, NewSecret.of("API_KEY", value));
 * } catch (ConflictException e) {
 *     secrets.update(scope, "API_KEY", SecretUpdate.value(value));
 * }
 * }</pre>
 */
public class ConflictException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public ConflictException(String summary, String hint) {
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
    public ConflictException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
