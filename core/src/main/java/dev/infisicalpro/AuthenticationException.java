package dev.infisicalpro;

/**
 * The server did not accept the credentials (HTTP 401, or 403 {@code TokenError} after the one
 * re-login). The hint lists the usual causes: identity disabled, client secret expired or used up,
 * wrong {@code host-api}.
 */
public class AuthenticationException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public AuthenticationException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public AuthenticationException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
