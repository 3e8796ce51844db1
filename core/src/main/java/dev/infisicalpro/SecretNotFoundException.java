package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * No secret with that key at that environment and path ({@link Secrets#get} and
 * {@link LiveSecrets#get}); use {@code find} for an {@code Optional} instead.
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (SecretNotFoundException e) {
 *     // key absent at that path
 * }
 * }</pre>
 */
public class SecretNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public SecretNotFoundException(String summary, String hint) {
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
    public SecretNotFoundException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
