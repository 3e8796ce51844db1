package dev.infisicalpro;

/**
 * An argument the server would reject or turn into a 500 (key over 100 characters in a URL,
 * body of 1 MiB or more, folder name outside {@code [A-Za-z0-9_-]}, ...). Raised before sending.
 */
public class InvalidInputException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public InvalidInputException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public InvalidInputException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
