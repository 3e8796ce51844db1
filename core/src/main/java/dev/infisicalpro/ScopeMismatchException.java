package dev.infisicalpro;

/**
 * A read asked for an environment or path that the service token cannot serve as asked.
 *
 * <p>A service token with exactly one scope whose path has no glob makes the server answer every read
 * with that scope's folder, whatever was asked (the "scope trap"). The client refuses such a read
 * before sending; the message names the token's scope, the asked scope and the fix (a token scoped to
 * {@code /**} or {@code <path>/**}).
 */
public class ScopeMismatchException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public ScopeMismatchException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public ScopeMismatchException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
