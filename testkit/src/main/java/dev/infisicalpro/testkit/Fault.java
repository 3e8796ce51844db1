package dev.infisicalpro.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Something that goes wrong on purpose, for one request. Register it with
 * {@link Faults#next(String, String, int, Fault)}.
 *
 * <pre>{@code
 * fake.faults().next("GET", "/api/v3/secrets/raw", 2, Fault.status(503));
 * fake.faults().next("GET", "/api/v3/secrets/raw", 1, Fault.rateLimited(Duration.ofSeconds(2)));
 * fake.faults().next("POST", "/api/v1/auth/universal-auth/login", 1, Fault.drop());
 * }</pre>
 */
public final class Fault {

    /** What the fault does. */
    public enum Kind {
        /** Answer with a status and body instead of the real handler. */
        STATUS,
        /** Answer 429 with {@code retry-after} and the server's rate-limit body. */
        RATE_LIMITED,
        /** Wait, then handle the request normally. */
        DELAY,
        /** Close the connection without any response. */
        DROP,
        /** Answer 200 {@code application/json} with a body that is not valid JSON. */
        MALFORMED_BODY
    }

    private final Kind kind;
    private final int status;
    private final String body;
    private final Duration duration;

    private Fault(Kind kind, int status, String body, Duration duration) {
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.duration = duration;
    }

    /**
     * Answers {@code status} with an Infisical-shaped error body ({@code statusCode}, {@code message}, {@code error}).
     *
     * @param status HTTP status
     * @return the fault
     */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, checkStatus(status), null, Duration.ZERO);
    }

    /**
     * Answers {@code status} with exactly {@code body} (sent as {@code application/json}).
     *
     * @param status HTTP status
     * @param body exact response body
     * @return the fault
     */
    public static Fault status(int status, String body) {
        return new Fault(Kind.STATUS, checkStatus(status), Objects.requireNonNull(body, "body"), Duration.ZERO);
    }

    /**
     * Answers 429 with {@code retry-after: <seconds>} and the "Rate limit exceeded" body.
     *
     * @param retryAfter {@code retry-after} value
     * @return the fault
     */
    public static Fault rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new Fault(Kind.RATE_LIMITED, 429, null, retryAfter);
    }

    /**
     * Waits {@code delay} (a real sleep), then handles the request normally.
     *
     * @param delay how long to wait
     * @return the fault
     */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return new Fault(Kind.DELAY, 0, null, delay);
    }

    /**
     * Closes the connection without sending a status line.
     *
     * @return the fault
     */
    public static Fault drop() {
        return new Fault(Kind.DROP, 0, null, Duration.ZERO);
    }

    /**
     * Answers 200 with a truncated JSON body.
     *
     * @return the fault
     */
    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED_BODY, 200, "{\"secrets\":[{\"secretKey\":", Duration.ZERO);
    }

    private static int checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599: " + status);
        }
        return status;
    }

    /**
     * What this fault does.
     *
     * @return what this fault does
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The status answered ({@code 0} for {@link Kind#DELAY} and {@link Kind#DROP}).
     *
     * @return the status answered ({@code 0} for {@link Kind#DELAY} and {@link Kind#DROP})
     */
    public int status() {
        return status;
    }

    /**
     * The exact body, or {@code null} for a generated one.
     *
     * @return the exact body, or {@code null} for a generated one
     */
    public String body() {
        return body;
    }

    /**
     * The delay, or the {@code retry-after} of a rate-limit fault.
     *
     * @return the delay, or the {@code retry-after} of a rate-limit fault
     */
    public Duration duration() {
        return duration;
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status > 0 ? " " + status : "")
                + (duration.isZero() ? "" : " " + duration) + "]";
    }
}
