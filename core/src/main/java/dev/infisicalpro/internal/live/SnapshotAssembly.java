package dev.infisicalpro.internal.live;

import dev.infisicalpro.Provenance;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretChange;
import dev.infisicalpro.SecretPath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure functions that turn the folders' listings into a live view's data: one shared {@link Provenance}
 * per folder, the merge of several folders in query order (later wins) with the collisions it found,
 * the value map readers use, and the change between two value maps. No I/O, no logging, no state: the
 * refresh in {@link RefreshingSnapshot} decides what to warn about and what to publish. Not API.
 */
final class SnapshotAssembly {

    static final SecretChange NO_CHANGE = SecretChange.none();

    private SnapshotAssembly() {
    }

    /**
     * The merged secrets and, per key defined in more than one folder, those folders in query order
     * (key names and paths only, sorted by key).
     */
    record Merged(Map<String, Secret> secrets, Map<String, List<SecretPath>> collisions) {
    }

    /**
     * The parser gives every secret its own {@link Provenance} (and path and environment strings),
     * although a folder's secrets share one or two: re-point them at one instance each, so a kept
     * snapshot costs little more than its keys and values (benchmark B3). Empty comments likewise.
     */
    static Map<String, Secret> shareProvenance(Map<String, Secret> secrets) {
        Map<Provenance, Provenance> canonical = new HashMap<>();
        Map<String, Secret> out = new HashMap<>(capacity(secrets.size()));
        for (Map.Entry<String, Secret> e : secrets.entrySet()) {
            Secret s = e.getValue();
            Provenance source = canonical.computeIfAbsent(s.source(), p -> p);
            String comment = s.comment().isEmpty() ? "" : s.comment();
            if (source != s.source() || comment != s.comment()) { // identity on purpose: already shared?
                s = new Secret(s.key(), s.value(), comment, s.version(), s.type(), source);
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    /**
     * Folders merged in query order, later wins. With one folder its map is returned as is (no
     * collision is possible).
     *
     * @param paths   the query's paths, one per entry of {@code perPath}
     * @param perPath each folder's effective secrets
     */
    static Merged merge(List<SecretPath> paths, List<Map<String, Secret>> perPath) {
        if (perPath.size() == 1) {
            return new Merged(perPath.get(0), Map.of());
        }
        Map<String, Secret> merged = new HashMap<>();
        Map<String, List<SecretPath>> owners = new TreeMap<>();
        Map<String, Integer> firstOwner = new HashMap<>();
        for (int i = 0; i < perPath.size(); i++) {
            SecretPath path = paths.get(i);
            for (Map.Entry<String, Secret> e : perPath.get(i).entrySet()) {
                String key = e.getKey();
                if (merged.put(key, e.getValue()) == null) {
                    firstOwner.put(key, i);
                } else {
                    List<SecretPath> list = owners.computeIfAbsent(key,
                            k -> new ArrayList<>(List.of(paths.get(firstOwner.get(k)))));
                    list.add(path);
                }
            }
        }
        return new Merged(merged, owners);
    }

    /** {@code A (in /x, /y), B (in /x, /z)}: key names and paths only. */
    static String collisionReport(Map<String, List<SecretPath>> collisions) {
        StringBuilder sb = new StringBuilder();
        collisions.forEach((k, paths) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" (in ")
                .append(joinPaths(paths)).append(')'));
        return sb.toString();
    }

    private static String joinPaths(List<SecretPath> paths) {
        StringBuilder sb = new StringBuilder();
        for (SecretPath p : paths) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.value());
        }
        return sb.toString();
    }

    /**
     * Key to value, in a private {@link HashMap} sized for the secrets, so a lookup is one hash probe
     * with no allocation; never mutated once published.
     */
    static Map<String, String> values(Map<String, Secret> secrets) {
        Map<String, String> values = new HashMap<>(capacity(secrets.size()));
        for (Map.Entry<String, Secret> e : secrets.entrySet()) {
            values.put(e.getKey(), e.getValue().value());
        }
        return values;
    }

    /** Key names added, removed and changed from {@code before} to {@code after}; never values. */
    static SecretChange diff(Map<String, String> before, Map<String, String> after) {
        Set<String> added = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                added.add(e.getKey());
            } else if (!old.equals(e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                removed.add(key);
            }
        }
        if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
            return NO_CHANGE;
        }
        return new SecretChange(added, removed, changed);
    }

    private static int capacity(int size) {
        return Math.max(16, (int) (size / 0.75f) + 1);
    }
}
