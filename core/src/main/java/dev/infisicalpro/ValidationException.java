package dev.infisicalpro;

/**
 * The server rejected the request's arguments (OCT24 servers: 401 {@code ValidationFailure};
 * newer servers: 422). Not an authentication problem: the message lists the server's issues.
 */
public class ValidationException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public ValidationException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public ValidationException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
