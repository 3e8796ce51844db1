package dev.infisicalpro;

/**
 * Something named in the request does not exist (HTTP 404).
 */
public class NotFoundException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public NotFoundException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public NotFoundException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
