package dev.infisicalpro;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Root of the library's one unchecked exception hierarchy.
 *
 * <p>Every failure carries what an operator needs to fix it: the HTTP status and the server's own
 * message (when the server answered), the method and API path of the request, and a hint drawn from
 * the field guide's troubleshooting knowledge. It never carries a token, a client secret or a secret
 * value: messages are built only from names, paths and server texts.
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (SecretNotFoundException e) {
 *     // key absent at that path
 * } catch (InfisicalException e) {
 *     log.warn(e.getMessage()); // safe to log: no secret material
 * }
 * }</pre>
 */
public class InfisicalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverMessage;
    private final String method;
    private final String path;
    private final String hint;

    /**
     * @param summary       what failed, in one line (no secret material)
     * @param status        HTTP status, or 0 when no response was received
     * @param serverMessage the server's {@code message} (arrays joined), or "" when none
     * @param method        HTTP method, or "" when no request was involved
     * @param path          API path without query string, or "" when no request was involved
     * @param hint          how to fix it, or "" when there is nothing useful to add
     * @param cause         underlying cause, may be null
     */
    public InfisicalException(String summary, int status, String serverMessage, String method, String path,
                              String hint, Throwable cause) {
        super(compose(summary, status, serverMessage, method, path, hint), cause);
        this.status = status;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
        this.method = method == null ? "" : method;
        this.path = path == null ? "" : path;
        this.hint = hint == null ? "" : hint;
    }

    /** A client-side failure (bad input or configuration) that never reached the server. */
    public InfisicalException(String summary, String hint) {
        this(summary, 0, "", "", "", hint, null);
    }

    private static String compose(String summary, int status, String serverMessage, String method, String path,
                                  String hint) {
        StringBuilder sb = new StringBuilder(summary);
        if (method != null && !method.isEmpty()) {
            sb.append(" [").append(method).append(' ').append(path);
            if (status > 0) {
                sb.append(" -> ").append(status);
            }
            sb.append(']');
        }
        if (serverMessage != null && !serverMessage.isEmpty()) {
            sb.append(": server said \"").append(serverMessage).append('"');
        }
        if (hint != null && !hint.isEmpty()) {
            sb.append(". Hint: ").append(hint);
        }
        return sb.toString();
    }

    /** HTTP status of the server's answer; empty when the failure happened before or without one. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }

    /** The server's {@code message} text (validation arrays are joined); empty when none. */
    public Optional<String> serverMessage() {
        return serverMessage.isEmpty() ? Optional.empty() : Optional.of(serverMessage);
    }

    /** HTTP method of the failed request; empty for client-side failures. */
    public Optional<String> method() {
        return method.isEmpty() ? Optional.empty() : Optional.of(method);
    }

    /** API path (no query string) of the failed request; empty for client-side failures. */
    public Optional<String> path() {
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    /** How to fix it; empty when there is nothing useful to add. */
    public Optional<String> hint() {
        return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
    }
}
