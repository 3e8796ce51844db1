package dev.infisicalpro;

import java.io.Serializable;
import java.util.Objects;

/**
 * The facts of a request that failed, as an {@link InfisicalException} carries them: what was sent
 * (method and API path, never the query string or body) and what the server answered (status and its
 * {@code message} text, when it answered at all). It never holds a token, a client secret or a secret
 * value; server texts are scrubbed of the request's own secrets before they get here.
 *
 * <pre>{@code
 * try {
 *     client.secrets().get(scope, "DB_PASSWORD");
 * } catch (InfisicalException e) {
 *     e.request().ifPresent(r -> log.warn(r.method() + " " + r.path() + " -> " + r.status()));
 * }
 * }</pre>
 *
 * @param method        HTTP method, e.g. {@code GET}
 * @param path          API path as sent, without query string, e.g. {@code /api/v3/secrets/raw}
 * @param status        HTTP status of the answer, or 0 when no answer arrived (connection failure, timeout)
 * @param serverMessage the server's {@code message} (validation arrays joined), or "" when it gave none
 * @serial exclude
 */
public record FailedRequest(String method, String path, int status, String serverMessage) implements Serializable {
    // Serializable because InfisicalException (a Throwable, so Serializable) holds one: without it an
    // exception that crosses a serialization boundary (RMI, a distributed cache, a job queue) fails to write.
    private static final long serialVersionUID = 1L;

    /**
     * Checks the facts.
     *
     * @param method HTTP method, e.g. {@code GET}
     * @param path API path as sent, without query string
     * @param status HTTP status of the answer, or 0 when no answer arrived
     * @param serverMessage the server's scrubbed {@code message}, or "" when it gave none
     * @throws NullPointerException     when a text is null
     * @throws IllegalArgumentException when the status is negative
     */
    public FailedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(serverMessage, "serverMessage");
        if (status < 0) {
            throw new IllegalArgumentException("status " + status + " is negative");
        }
    }

    /**
     * A request that got no answer.
     *
     * @param method HTTP method
     * @param path   API path without query string
     * @return facts with status 0 and no server message
     */
    public static FailedRequest unanswered(String method, String path) {
        return new FailedRequest(method, path, 0, "");
    }

    /**
     * Whether the server answered at all.
     *
     * @return true when {@link #status()} is a real HTTP status
     */
    public boolean answered() {
        return status > 0;
    }
}
