package dev.infisicalpro.testkit.internal;

import dev.infisicalpro.testkit.Fault;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Pending faults, each for the next N matching requests. Thread-safe. Not API. */
public final class FaultQueue {

    private static final class Entry {
        final String method;
        final String path;
        int remaining;
        final Fault fault;

        Entry(String method, String path, int remaining, Fault fault) {
            this.method = method;
            this.path = path;
            this.remaining = remaining;
            this.fault = fault;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a fault for the next {@code times} requests of {@code method} {@code path} ({@code "*"} = any). */
    public synchronized void add(String method, String path, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1: " + times);
        }
        entries.add(new Entry(method.toUpperCase(Locale.ROOT), Routes.normalisePath(path), times, fault));
    }

    /** Takes one use of the first fault matching the request, if any. */
    public synchronized Optional<Fault> poll(String method, String path) {
        String p = Routes.normalisePath(path);
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if ((e.method.equals("*") || e.method.equals(method)) && (e.path.equals("*") || e.path.equals(p))) {
                if (--e.remaining == 0) {
                    it.remove();
                }
                return Optional.of(e.fault);
            }
        }
        return Optional.empty();
    }

    /** Number of fault uses still pending. */
    public synchronized int pending() {
        return entries.stream().mapToInt(e -> e.remaining).sum();
    }

    /** Forgets all pending faults. */
    public synchronized void clear() {
        entries.clear();
    }
}
