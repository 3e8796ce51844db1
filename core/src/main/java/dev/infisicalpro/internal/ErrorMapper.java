package dev.infisicalpro.internal;

import dev.infisicalpro.FailedRequest;
import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.ConflictException;
import dev.infisicalpro.FolderNotFoundException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.NotFoundException;
import dev.infisicalpro.PermissionDeniedException;
import dev.infisicalpro.RateLimitException;
import dev.infisicalpro.SecretNotFoundException;
import dev.infisicalpro.TransportException;
import dev.infisicalpro.ValidationException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an error answer into the library's exception, in one place. Only the parsed
 * {@code message} and {@code error} fields are ever quoted; response bodies are never copied into
 * messages (they could echo values). Hints carry the field guide's troubleshooting knowledge. Not API.
 */
public final class ErrorMapper {

    /** Hint of every 401 that is about credentials. */
    static final String AUTH_CAUSES = "the usual causes are: the machine identity or its auth method is disabled, "
            + "the client secret expired or its usage limit is used up, the token was revoked, "
            + "or infisical.host-api points at another Infisical instance";

    static final String FOLDER_HINT = "create the folder first (client.folders().ensure(scope)), "
            + "or pass WriteOptions.CREATE_MISSING_FOLDERS";

    private static final java.util.regex.Pattern RECEIVED =
            java.util.regex.Pattern.compile(",?\\s*received '[^']*'");

    private final String apiUrl;

    public ErrorMapper(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** What the server said: {@code message} (arrays joined as "path: message; ...") and {@code error}. */
    public record ServerError(String message, String error) {
        static final ServerError NONE = new ServerError("", "");

        /** Lengths only: the texts are neither scrubbed of echoed input nor shortened. */
        @Override
        public String toString() {
            return "ServerError[message=" + message.length() + " chars, error=" + error.length() + " chars]";
        }
    }

    /** Parses an error body; never throws (a malformed error body just has no message). */
    public static ServerError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return ServerError.NONE;
        }
        try {
            Map<String, Object> obj = Json.parseObject(body);
            String error = Json.string(obj, "error").orElse("");
            Object m = obj.get("message");
            String message;
            if (m instanceof List<?> issues) {
                message = joinIssues(issues); // only path and message of each issue: "received" is never shown
            } else if (m instanceof String s) {
                message = s;
            } else {
                message = "";
            }
            return new ServerError(message, error); // scrubbed in full first, shortened only for showing
        } catch (RuntimeException e) {
            return ServerError.NONE;
        }
    }

    @SuppressWarnings("unchecked")
    private static String joinIssues(List<?> issues) {
        List<String> parts = new ArrayList<>();
        for (Object issue : issues) {
            if (issue instanceof Map<?, ?> map) {
                Object path = map.get("path");
                String where = "";
                if (path instanceof List<?> segs && !segs.isEmpty()) {
                    List<String> s = new ArrayList<>();
                    for (Object seg : segs) {
                        s.add(String.valueOf(seg));
                    }
                    where = String.join(".", s);
                }
                Object msg = map.get("message");
                // zod's enum message quotes the input ("..., received 'xyz'"): drop that part
                String text = msg == null ? "invalid" : RECEIVED.matcher(String.valueOf(msg)).replaceAll("");
                parts.add(where.isEmpty() ? text : where + ": " + text);
            } else if (issue != null) {
                parts.add(String.valueOf(issue));
            }
        }
        return String.join("; ", parts);
    }

    /** Longest server text quoted in a message. */
    static final int MAX_SHOWN = 500;

    /**
     * Maps a non-2xx answer.
     *
     * @param method       HTTP method
     * @param path         API path as sent (no query), e.g. {@code /api/v3/secrets/raw}
     * @param status       status code
     * @param body         the error body (parsed for message/error only)
     * @param retryAfter   parsed {@code Retry-After} for 429s
     * @param serviceToken whether the client authenticates with a service token (changes hints)
     * @param redactor     scrubs the request's own secrets out of the server's texts (they may echo input)
     */
    public InfisicalException map(String method, String path, int status, byte[] body, Duration retryAfter,
                                  boolean serviceToken, Redactor redactor) {
        ServerError se = parse(body);
        // Classify on the server's own words: scrubbing first would let a written value such as "path"
        // turn "Folder with path ..." into "Folder with *** ..." and lose the FolderNotFoundException.
        String msg = se.message();
        String err = se.error();
        String lower = msg.toLowerCase(Locale.ROOT);
        // Only the shown text is scrubbed (in full, then shortened): it is the only part quoted.
        String msgShown = redactor.shown(msg, MAX_SHOWN);
        String errShown = redactor.shown(err, MAX_SHOWN);
        String shown = msg.isEmpty() ? errShown
                : (err.isEmpty() || isGenericError(err) ? msgShown : msgShown + " (" + errShown + ")");

        FailedRequest req = new FailedRequest(method, path, status, shown);
        if (status == 429) {
            return new RateLimitException("Infisical rate limit exceeded",
                    "wait " + retryAfter.toSeconds() + " s; on self-hosted servers the admin can raise the limits, "
                            + "and a response cache (responseCacheTtl) or live secrets reduce the request rate",
                    req, retryAfter);
        }
        if (status >= 500) {
            String hint = status == 500
                    ? "the server failed on this request; values over 1 MiB, keys over 500 characters, folder names "
                    + "outside [A-Za-z0-9_-] and references to unknown environments/folders make Infisical answer 500"
                    : "the server or a proxy in front of it is unavailable; try again later";
            return new TransportException("Infisical server error", hint, req, null);
        }
        if ("ValidationFailure".equals(err) || status == 422) {
            return new ValidationException("Infisical rejected the request's arguments",
                    "this is not an authentication problem; fix the listed fields", req, null);
        }
        if (status == 401) {
            return new AuthenticationException(authSummary(lower), authHint(lower, serviceToken), req, null);
        }
        if (status == 403) {
            if ("TokenError".equals(err)) {
                return new AuthenticationException("access token rejected",
                        "the token expired or is malformed; a fresh login also failed — check the credentials and "
                                + "that infisical.host-api is the instance that issued the token", req, null);
            }
            if (lower.contains("service token has expired")) {
                return new AuthenticationException("service token expired",
                        "create a new service token in Infisical (Project settings > Service tokens); "
                                + "the server deleted the expired one", req, null);
            }
            if (err.startsWith("Service token not a part of the specified project")) {
                return new PermissionDeniedException("service token belongs to another project",
                        "leave infisical.project-id unset to use the token's own project, or use a "
                        + "token of that project", req, null);
            }
            String hint = serviceToken
                    ? "the service token's scopes or permissions do not cover this environment/path or action; "
                    + "create a token whose scope matches (e.g. <env>:/** or <env>:<path>/**) with read/write as needed"
                    : "the machine identity's project role does not allow this action here; give it a role that "
                    + "does (e.g. developer or admin), or narrow the request to what it may access";
            return new PermissionDeniedException("permission denied", hint, req, null);
        }
        if (status == 404) {
            if (lower.startsWith("route ") && lower.contains(" not found")) {
                return new NotFoundException("no such API route",
                        "check that infisical.host-api points at the API root (" + apiUrl
                                + ", i.e. ending in /api) of an Infisical server; keys longer than 100 characters "
                                + "also produce this answer", req, null);
            }
            if (lower.startsWith("service token with id")) {
                return new AuthenticationException("service token not found",
                        "the token was deleted or has expired; create a new service token", req, null);
            }
            if (lower.contains("no identity with specified client id")) {
                return new AuthenticationException("universal-auth client id unknown",
                        "check infisical.auth.client-id (the Client ID of the machine identity's Universal Auth, "
                                + "not the identity id) and that infisical.host-api is the right instance", req, null);
            }
            if (lower.startsWith("folder with path") || "SecretPathNotFound".equals(err)
                    || lower.startsWith("parent folder for path") || lower.startsWith("folder with id")
                    || lower.startsWith("failed to delete folder")) {
                return new FolderNotFoundException("folder not found", FOLDER_HINT, req, null);
            }
            if (lower.startsWith("secret with name") || lower.startsWith("secret not found")
                    || lower.startsWith("secret does not exist") || lower.startsWith("one or more secrets does not")) {
                return new SecretNotFoundException("secret not found",
                        "check the key (case-sensitive), environment and path", req, null);
            }
            if (lower.startsWith("environment with slug")) {
                return new NotFoundException("environment not found",
                        "check infisical.env-slug: use the environment's slug (e.g. dev, staging, prod), not its name",
                        req, null);
            }
            if (lower.startsWith("no project found") || lower.contains("project with id")
                    || lower.startsWith("project with slug")) {
                return new NotFoundException("project not found",
                        "check infisical.project-id / infisical.project-slug", req, null);
            }
            return new NotFoundException("not found", "", req, null);
        }
        if (status == 400) {
            if (lower.contains("already exist")) {
                return new ConflictException("already exists",
                        "update the existing entry instead, or delete it first", req, null);
            }
            if (lower.startsWith("project bot not found")) {
                return new InfisicalException("project needs an upgrade",
                        "upgrade the project in the Infisical UI", req, null);
            }
            return new ValidationException("Infisical rejected the request", "", req, null);
        }
        return new InfisicalException("unexpected answer from Infisical", "", req, null);
    }

    /**
     * True for Fastify's 404 "Route GET:/api/... not found" (the server has no such route at all), and for
     * a 404 without any JSON message, which is what a proxy in front of a server without the route sends.
     */
    static boolean isRouteNotFound(NotFoundException e) {
        String m = e.request().map(FailedRequest::serverMessage).orElse("").toLowerCase(Locale.ROOT);
        return m.isEmpty() || (m.startsWith("route ") && m.contains(" not found"));
    }

    private static boolean isGenericError(String err) {
        return switch (err) {
            case "UnauthorizedError", "NotFound", "BadRequest", "Not Found", "ForbiddenError", "PermissionDenied",
                 "InternalServerError", "RateLimitExceeded" -> true;
            default -> false;
        };
    }

    private static String authSummary(String lower) {
        if (lower.contains("invalid credentials")) {
            return "universal-auth login refused";
        }
        if (lower.contains("invalid service token")) {
            return "service token refused";
        }
        if (lower.contains("token missing")) {
            return "no token sent";
        }
        return "authentication failed";
    }

    private static String authHint(String lower, boolean serviceToken) {
        if (lower.contains("invalid credentials")) {
            return "check infisical.auth.client-id and infisical.auth.client-secret (not retried: newer servers lock "
                    + "an identity out after 3 failed logins); " + AUTH_CAUSES;
        }
        if (lower.contains("expired client secret")) {
            return "the client secret's TTL has passed; create a new client secret for the machine identity";
        }
        if (lower.contains("usage limit")) {
            return "the client secret's usage limit is used up; create a new client secret (or raise its limit)";
        }
        if (lower.contains("invalid service token")) {
            return "the service token's secret part is wrong; copy the whole token st.<id>.<secret>[.<key>] again";
        }
        if (lower.contains("temporarily locked")) {
            return "too many failed logins locked the identity; fix the client secret and wait before retrying";
        }
        if (serviceToken) {
            return "the service token was rejected; it may be deleted or expired, or infisical.host-api points at "
                    + "another instance";
        }
        return AUTH_CAUSES;
    }
}
