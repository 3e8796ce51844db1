package dev.infisicalpro.microprofile;

import dev.infisicalpro.Secret;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How Infisical key names meet MicroProfile property names: each key under its own name and as a dotted
 * alias ({@code DB_PASSWORD}, {@code db.password}). Not API.
 *
 * <p>Lookups follow the MicroProfile Config rules for environment variables (spec §"Default
 * ConfigSources"): the exact name, then the name with every non-alphanumeric character replaced by
 * {@code _}, then that upper-cased. So {@code db.password} and {@code quarkus.datasource.password}
 * find the secrets {@code DB_PASSWORD} and {@code QUARKUS_DATASOURCE_PASSWORD}.
 *
 * <p>Enumeration lists each key and, for keys in environment-variable style ({@code DB_PASSWORD}),
 * the dotted alias ({@code db.password}), so name-driven consumers (SmallRye {@code @ConfigMapping}
 * maps, {@code getPropertyNames()}) see the same names a lookup answers.
 */
final class PropertyNameMapping {

    /** Upper-case letters, digits and single inner underscores: {@code DB_PASSWORD}, {@code PORT}. */
    private static final Pattern ENV_STYLE = Pattern.compile("[A-Z0-9]+(?:_[A-Z0-9]+)*");

    private PropertyNameMapping() {
    }

    /** The secret answering {@code name}, following the three MicroProfile steps. */
    static Optional<Secret> lookup(Map<String, Secret> secrets, String name) {
        Secret exact = secrets.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String sanitized = sanitize(name);
        Secret underscored = secrets.get(sanitized);
        if (underscored != null) {
            return Optional.of(underscored);
        }
        return Optional.ofNullable(secrets.get(sanitized.toUpperCase(Locale.ROOT)));
    }

    /** Every non-alphanumeric character replaced by {@code _} (step two of the MicroProfile rules). */
    static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(isAsciiAlphanumeric(c) ? c : '_');
        }
        return sb.toString();
    }

    /** {@code DB_PASSWORD} → {@code db.password}; empty for keys not in environment-variable style. */
    static Optional<String> dottedAlias(String key) {
        if (!ENV_STYLE.matcher(key).matches() || key.chars().noneMatch(Character::isLetter)) {
            return Optional.empty();
        }
        return Optional.of(key.toLowerCase(Locale.ROOT).replace('_', '.'));
    }

    /** Keys plus the dotted aliases that no key already owns, in key order. */
    static Set<String> propertyNames(Map<String, Secret> secrets) {
        Set<String> keys = new TreeMap<>(secrets).keySet();
        Set<String> names = new LinkedHashSet<>(keys);
        for (String key : keys) {
            dottedAlias(key).filter(alias -> !secrets.containsKey(alias)).ifPresent(names::add);
        }
        return names;
    }

    /**
     * Groups of two or more keys that compete for the same property names: keys equal after
     * sanitising and upper-casing ({@code db.password}, {@code db_password}, {@code DB_PASSWORD}).
     * Each group is sorted; only names and folders are involved, never values.
     */
    static List<List<Secret>> collisions(Map<String, Secret> secrets) {
        Map<String, List<Secret>> byCanonical = new TreeMap<>();
        for (Secret secret : new TreeMap<>(secrets).values()) {
            String canonical = sanitize(secret.key()).toUpperCase(Locale.ROOT);
            byCanonical.computeIfAbsent(canonical, k -> new ArrayList<>()).add(secret);
        }
        List<List<Secret>> groups = new ArrayList<>();
        for (List<Secret> group : byCanonical.values()) {
            if (group.size() > 1) {
                groups.add(List.copyOf(group));
            }
        }
        return groups;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
