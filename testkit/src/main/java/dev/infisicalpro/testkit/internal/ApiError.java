package dev.infisicalpro.testkit.internal;

import java.util.List;
import java.util.Map;

/**
 * An error answer in the server's shape: {@code {statusCode, message, error}} ({@code message} may be
 * an array of zod issues). Thrown by handlers, rendered by {@link FakeServer}. Not API.
 */
final class ApiError extends RuntimeException {

    final int status;
    final String error;
    final Object body; // String or List<Map<String,Object>>
    final boolean routeNotFound;
    /** Raised by the framework before the route (body parsing): answered without rate-limit headers. */
    boolean framework;

    ApiError(int status, String error, Object message) {
        this(status, error, message, false);
    }

    private ApiError(int status, String error, Object message, boolean routeNotFound) {
        super(String.valueOf(message), null, false, false);
        this.status = status;
        this.error = error;
        this.body = message;
        this.routeNotFound = routeNotFound;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "NotFound", message);
    }

    static ApiError notFound(String error, String message) {
        return new ApiError(404, error, message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "UnauthorizedError", message);
    }

    static ApiError permissionDenied(String action, String subject) {
        return new ApiError(403, "PermissionDenied", "You are not allowed to " + action + " on " + subject);
    }

    /** 403 whose specific text is in {@code error} and whose message is generic (a server quirk). */
    static ApiError forbiddenNamed(String name) {
        return new ApiError(403, name, "You are not allowed to access this resource");
    }

    static ApiError tokenError(String message) {
        return new ApiError(403, "TokenError", message);
    }

    static ApiError internal(String error) {
        return new ApiError(500, error, "Something went wrong");
    }

    static ApiError framework() {
        ApiError e = internal("InternalServerError");
        e.framework = true;
        return e;
    }

    static ApiError routeNotFound(String method, String rawTarget) {
        return new ApiError(404, "Not Found", "Route " + method + ":" + rawTarget + " not found", true);
    }

    static ApiError validation(int status, List<Map<String, Object>> issues) {
        return new ApiError(status, "ValidationFailure", issues);
    }
}
