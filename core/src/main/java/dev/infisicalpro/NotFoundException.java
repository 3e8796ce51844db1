package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * Something named in the request does not exist (HTTP 404): a project, an environment, an API route;
 * the subtypes {@link SecretNotFoundException} and {@link FolderNotFoundException} name the common cases.
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (NotFoundException e) {
 *     log.warn(e.getMessage()); // names what was missing and how to fix it
 * }
 * }</pre>
 */
public class NotFoundException extends InfisicalException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public NotFoundException(String summary, String hint) {
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
    public NotFoundException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
