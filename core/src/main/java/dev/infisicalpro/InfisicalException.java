package dev.infisicalpro;

import org.jspecify.annotations.Nullable;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Root of the library's one unchecked exception hierarchy.
 *
 * <p>Every failure carries what an operator needs to fix it: the facts of the failed request
 * ({@link #request()}: method, API path, and the status and message of the server's answer), and a
 * hint ({@link #hint()}) drawn from the usual troubleshooting causes. It never carries a token, a client
 * secret or a secret value: messages are built only from names, paths and scrubbed server texts.
 * Failures that happen before anything is sent (bad settings or arguments) have no request.
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
 *
 * <p>The subtypes: {@link ValidationException} (settings or arguments refused, by the client or the
 * server), {@link AuthenticationException}, {@link PermissionDeniedException}, {@link NotFoundException}
 * (with {@link SecretNotFoundException} and {@link FolderNotFoundException}), {@link ConflictException},
 * {@link ScopeMismatchException}, {@link RateLimitException} and {@link TransportException}.
 */
public class InfisicalException extends RuntimeException {
    private static final long serialVersionUID = 2L;

    /** The failed request, or null when the failure happened before anything was sent. */
    private final @Nullable FailedRequest request;
    /** How to fix it, {@code ""} when there is nothing useful to add. */
    private final String hint;

    /**
     * A failure found before anything was sent (bad settings or arguments).
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     */
    public InfisicalException(String summary, String hint) {
        this(summary, hint, null, null);
    }

    /**
     * A failure of a request, or one with a cause.
     *
     * @param summary what failed, in one line (no secret material)
     * @param hint    how to fix it, or "" when there is nothing useful to add
     * @param request the failed request, or null when none was sent
     * @param cause   the underlying cause, or null
     */
    public InfisicalException(String summary, String hint, @Nullable FailedRequest request,
                              @Nullable Throwable cause) {
        super(compose(summary, hint, request), cause);
        this.request = request;
        this.hint = hint == null ? "" : hint;
    }

    private static String compose(String summary, @Nullable String hint, @Nullable FailedRequest request) {
        StringBuilder sb = new StringBuilder(summary);
        if (request != null) {
            sb.append(" [").append(request.method()).append(' ').append(request.path());
            if (request.answered()) {
                sb.append(" -> ").append(request.status());
            }
            sb.append(']');
            if (!request.serverMessage().isEmpty()) {
                sb.append(": server said \"").append(request.serverMessage()).append('"');
            }
        }
        if (hint != null && !hint.isEmpty()) {
            sb.append(". Hint: ").append(hint);
        }
        return sb.toString();
    }

    /**
     * The request that failed.
     *
     * @return the request's facts; empty when the failure happened before anything was sent
     */
    public Optional<FailedRequest> request() {
        return Optional.ofNullable(request);
    }

    /**
     * Shorthand for the status of the server's answer.
     *
     * @return the HTTP status; empty when no request was sent or no answer arrived
     */
    public OptionalInt status() {
        return request != null && request.answered() ? OptionalInt.of(request.status()) : OptionalInt.empty();
    }

    /**
     * How to fix it.
     *
     * @return the hint; empty when there is nothing useful to add
     */
    public Optional<String> hint() {
        return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
    }
}
