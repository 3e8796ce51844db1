package dev.infisicalpro.testkit.internal;

import dev.infisicalpro.testkit.RecordedRequest;

import java.util.ArrayList;
import java.util.List;

/** Append-only list of received requests. Thread-safe. Not API. */
public final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();

    public synchronized void add(RecordedRequest request) {
        requests.add(request);
    }

    public synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }
}
