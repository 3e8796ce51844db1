package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

/**
 * The folder of a secret operation does not exist. Create it first
 * ({@code client.folders().ensure(...)}) or pass {@link WriteOptions#CREATE_MISSING_FOLDERS}.
 *
 * <pre>{@code
 * try {
 *     client.secrets().create(scope, NewSecret.of("API_KEY", value));
 * } catch (FolderNotFoundException e) {
 *     client.folders().ensure(scope);
 * }
 * }</pre>
 */
public class FolderNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 2L;

    /**
     * A failure found before anything was sent.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public FolderNotFoundException(String summary, String hint) {
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
    public FolderNotFoundException(String summary, String hint, @Nullable FailedRequest request, @Nullable Throwable cause) {
        super(summary, hint, request, cause);
    }
}
