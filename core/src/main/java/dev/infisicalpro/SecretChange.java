package dev.infisicalpro;

import java.util.Set;

/**
 * What a refresh changed, by key name only (never values).
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
    /** Copies. */
    public SecretChange {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        changed = Set.copyOf(changed);
    }

    /** True when nothing changed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** Every key named, in any role. */
    public Set<String> allKeys() {
        java.util.Set<String> all = new java.util.TreeSet<>(added);
        all.addAll(removed);
        all.addAll(changed);
        return Set.copyOf(all);
    }
}
