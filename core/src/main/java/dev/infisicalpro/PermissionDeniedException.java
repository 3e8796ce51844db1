package dev.infisicalpro;

/**
 * The credentials are valid but lack a permission for this project, environment or path (HTTP 403).
 */
public class PermissionDeniedException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public PermissionDeniedException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public PermissionDeniedException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
