package dev.infisicalpro;

/**
 * The server failed (HTTP 5xx) after the retries allowed for the request.
 */
public class ServerException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public ServerException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public ServerException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
