package dev.infisicalpro.testkit;

import dev.infisicalpro.testkit.internal.FaultQueue;

import java.util.Objects;

/**
 * Fault injection for a {@link FakeInfisical}. A fault applies to the next {@code times} requests
 * whose method and path match, before authentication (so it works for any route, even unknown ones);
 * faults registered earlier match first. The path is compared without query string and with one
 * trailing slash removed; {@code "*"} matches any method or any path.
 *
 * <pre>{@code
 * fake.faults().next("GET", "/api/v3/secrets/raw", 3, Fault.status(503));
 * fake.faults().next("*", "*", 1, Fault.drop());
 * }</pre>
 */
public final class Faults {

    private final FaultQueue queue;

    Faults(FaultQueue queue) {
        this.queue = queue;
    }

    /**
     * Makes the next {@code times} requests of {@code method path} fail with {@code fault}.
     *
     * @param method HTTP method, or {@code "*"}
     * @param path absolute folder path, e.g. {@code /app}
     * @param times number of matching requests (at least 1)
     * @param fault what goes wrong
     * @return these faults
     */
    public Faults next(String method, String path, int times, Fault fault) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fault, "fault");
        queue.add(method, path, times, fault);
        return this;
    }

    /**
     * Makes the next request of {@code method path} fail with {@code fault}.
     *
     * @param method HTTP method, or {@code "*"}
     * @param path absolute folder path, e.g. {@code /app}
     * @param fault what goes wrong
     * @return these faults
     */
    public Faults next(String method, String path, Fault fault) {
        return next(method, path, 1, fault);
    }

    /**
     * Number of fault uses not yet consumed.
     *
     * @return number of fault uses not yet consumed
     */
    public int pending() {
        return queue.pending();
    }

    /** Removes all pending faults. */
    public void clear() {
        queue.clear();
    }
}
