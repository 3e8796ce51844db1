package dev.infisicalpro;

/**
 * The thing to create already exists (HTTP 400 "Secret already exist").
 */
public class ConflictException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public ConflictException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public ConflictException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
