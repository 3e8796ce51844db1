package dev.infisicalpro;

/**
 * No secret with that key at that environment and path.
 */
public class SecretNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public SecretNotFoundException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public SecretNotFoundException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
