package dev.infisicalpro;

/**
 * No usable answer: connection refused, timeout, malformed JSON, or a response over the size limit.
 * The message names the host.
 */
public class TransportException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public TransportException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public TransportException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
