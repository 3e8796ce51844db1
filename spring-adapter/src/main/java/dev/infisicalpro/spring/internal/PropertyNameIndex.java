package dev.infisicalpro.spring.internal;

import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretSnapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The property names one {@link SecretSnapshot} offers, computed once per snapshot: each
 * key under its own name ({@code DB_PASSWORD}) and as a dotted alias ({@code db.password}); lookups
 * also follow Spring's {@code SystemEnvironmentPropertySource} rules, so {@code my-app.api-key} finds
 * {@code MY_APP_API_KEY}. Not API.
 */
public final class PropertyNameIndex {

    private final SecretSnapshot snapshot;
    private final Map<String, String> nameToKey;
    private final String[] names;
    private final List<String> collisions;

    private PropertyNameIndex(SecretSnapshot snapshot, Map<String, String> nameToKey, List<String> collisions) {
        this.snapshot = snapshot;
        this.nameToKey = nameToKey;
        this.names = nameToKey.keySet().toArray(new String[0]);
        this.collisions = collisions;
    }

    /** Builds the index of a snapshot. */
    public static PropertyNameIndex of(SecretSnapshot snapshot) {
        Map<String, Secret> secrets = snapshot.secrets();
        TreeMap<String, String> out = new TreeMap<>();
        for (String key : new TreeMap<>(secrets).keySet()) {
            out.put(key, key);
        }
        Map<String, List<String>> aliasCandidates = new TreeMap<>();
        for (String key : out.keySet()) {
            String alias = alias(key);
            if (!alias.equals(key)) {
                aliasCandidates.computeIfAbsent(alias, a -> new ArrayList<>()).add(key);
            }
        }
        List<String> collisions = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : aliasCandidates.entrySet()) {
            String alias = e.getKey();
            List<String> keys = e.getValue();
            if (secrets.containsKey(alias)) {
                // a key literally named like the alias wins over any derived alias
                collisions.add(describe(alias, secrets, keys, alias));
                continue;
            }
            String winner = choose(alias, keys);
            out.put(alias, winner);
            if (keys.size() > 1) {
                collisions.add(describe(alias, secrets, keys, winner));
            }
        }
        return new PropertyNameIndex(snapshot, Collections.unmodifiableMap(new LinkedHashMap<>(out)),
                List.copyOf(collisions));
    }

    /** The dotted alias of a key: lower case, {@code _} becomes {@code .}. */
    public static String alias(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    // the canonical environment-variable spelling (DB_PASSWORD for db.password) wins; else the first by name
    private static String choose(String alias, List<String> keys) {
        String canonical = alias.toUpperCase(Locale.ROOT).replace('.', '_');
        return keys.contains(canonical) ? canonical : keys.get(0);
    }

    private static String describe(String name, Map<String, Secret> secrets, List<String> keys, String winner) {
        List<String> parts = new ArrayList<>();
        if (secrets.containsKey(name)) {
            parts.add(name + " (" + secrets.get(name).source() + ")");
        }
        for (String k : keys) {
            parts.add(k + " (" + secrets.get(k).source() + ")");
        }
        return "'" + name + "' <- " + String.join(", ", parts) + "; using " + winner;
    }

    /** The snapshot this index was built from. */
    public SecretSnapshot snapshot() {
        return snapshot;
    }

    /** Property names: keys and their dotted aliases, sorted. The array is shared: do not modify. */
    public String[] names() {
        return names;
    }

    /** Name collisions, described with key names and folders (never values). */
    public List<String> collisions() {
        return collisions;
    }

    /** The secret key a property name resolves to, or null. */
    public String keyFor(String name) {
        String key = nameToKey.get(name);
        if (key != null) {
            return key;
        }
        if (aliasCovers(name)) {
            // every environment-style candidate of a lower-case dotted name has that name as its alias
            return null;
        }
        // Spring's SystemEnvironmentPropertySource rules: '.' and '-' to '_', then upper case
        Map<String, Secret> secrets = snapshot.secrets();
        String underscored = name.replace('.', '_').replace('-', '_');
        String[] candidates = {name.replace('.', '_'), name.replace('-', '_'), underscored,
                name.toUpperCase(Locale.ROOT), underscored.toUpperCase(Locale.ROOT)};
        for (String candidate : candidates) {
            if (secrets.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    // true for names without '-', '_' or upper case (most Spring lookups): the alias map already answered
    private static boolean aliasCovers(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '_' || Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    /** The value a property name resolves to, or null. */
    public String valueOf(String name) {
        String key = keyFor(name);
        if (key == null) {
            return null;
        }
        Secret secret = snapshot.secrets().get(key);
        return secret == null ? null : secret.value();
    }
}
