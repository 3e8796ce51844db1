package dev.infisicalpro.testkit;

import dev.infisicalpro.testkit.internal.RequestLog;
import dev.infisicalpro.testkit.internal.Routes;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Every request a {@link FakeInfisical} received, in arrival order (faulted and rejected ones
 * included), for assertions.
 *
 * <pre>{@code
 * assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isEqualTo(2);
 * assertThat(fake.journal().last().queryParam("secretPath")).contains("/app");
 * fake.journal().clear();
 * }</pre>
 */
public final class Journal {

    private final RequestLog log;

    Journal(RequestLog log) {
        this.log = log;
    }

    /**
     * All recorded requests, oldest first (an immutable copy).
     *
     * @return all recorded requests, oldest first (an immutable copy)
     */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /**
     * Recorded requests of one route ({@code "*"} matches any method or path).
     *
     * @param method HTTP method, or {@code "*"}
     * @param path absolute folder path, e.g. {@code /app}
     * @return recorded requests of one route ({@code "*"} matches any method or path)
     */
    public List<RecordedRequest> requests(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String p = Routes.normalisePath(path);
        return log.snapshot().stream()
                .filter(r -> m.equals("*") || r.method().equals(m))
                .filter(r -> p.equals("*") || Routes.normalisePath(r.path()).equals(p))
                .toList();
    }

    /**
     * Number of recorded requests of one route.
     *
     * @param method HTTP method, or {@code "*"}
     * @param path absolute folder path, e.g. {@code /app}
     * @return number of recorded requests of one route
     */
    public int count(String method, String path) {
        return requests(method, path).size();
    }

    /**
     * The most recent request.
     *
     * @return the most recent request
     */
    public RecordedRequest last() {
        List<RecordedRequest> all = log.snapshot();
        if (all.isEmpty()) {
            throw new NoSuchElementException("no request recorded");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets all recorded requests. */
    public void clear() {
        log.clear();
    }
}
