package dev.infisicalpro;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a refresh changed, by key name only (never values). Each set iterates in key order, so
 * logging a change is deterministic.
 *
 * <pre>{@code
 * live.addListener(change -> log.info("secrets changed: " + change.changed()));
 * }</pre>
 *
 * @param added   keys that appeared
 * @param removed keys that disappeared
 * @param changed keys whose value changed
 */
public record SecretChange(Set<String> added, Set<String> removed, Set<String> changed) {
    /**
     * Copies into immutable, sorted sets.
     *
     * @param added keys that appeared
     * @param removed keys that disappeared
     * @param changed keys whose value changed
     */
    public SecretChange {
        added = sorted(added);
        removed = sorted(removed);
        changed = sorted(changed);
    }

    /**
     * A change with nothing in it.
     *
     * @return a change with three empty sets
     */
    public static SecretChange none() {
        return new SecretChange(Set.of(), Set.of(), Set.of());
    }

    /**
     * True when nothing changed.
     *
     * @return whether no key was added, removed or changed
     */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /**
     * Every key named, in any role, in key order.
     *
     * @return the union of added, removed and changed keys, sorted
     */
    public Set<String> allKeys() {
        Set<String> all = new TreeSet<>(added);
        all.addAll(removed);
        all.addAll(changed);
        return sorted(all);
    }

    private static Set<String> sorted(Set<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        // TreeSet rejects nulls; the LinkedHashSet copy keeps that order with hash lookups
        SortedSet<String> ordered = keys instanceof SortedSet<String> s && s.comparator() == null
                ? s : new TreeSet<>(keys);
        return Collections.unmodifiableSet(new LinkedHashSet<>(ordered));
    }
}
