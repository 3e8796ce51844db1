package dev.infisicalpro.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where settings come from: a function from a name to an optional value. Adapters pass their
 * framework's lookup (Spring {@code Environment}/{@code Binder}, MicroProfile {@code ConfigSourceContext}).
 *
 * <pre>{@code
 * PropertyLookup props = PropertyLookup.of(Map.of("infisical.env-slug", "dev"));
 * PropertyLookup sys = PropertyLookup.systemProperties();
 * }</pre>
 */
@FunctionalInterface
public interface PropertyLookup {

    /**
     * The value of a name; empty when unset. Blank values count as unset.
     *
     * @param name the exact name to look up
     * @return the value, or empty when unset or blank
     */
    Optional<String> get(String name);

    /**
     * Over a map.
     *
     * @param map names to values (not copied: later changes are seen)
     * @return a lookup over the map
     */
    static PropertyLookup of(Map<String, String> map) {
        return name -> Optional.ofNullable(map.get(name)).filter(v -> !v.isBlank());
    }

    /**
     * Over {@link System#getProperty(String)}.
     *
     * @return a lookup over the JVM's system properties
     */
    static PropertyLookup systemProperties() {
        return name -> Optional.ofNullable(System.getProperty(name)).filter(v -> !v.isBlank());
    }

    /**
     * Over {@link System#getenv(String)}.
     *
     * @return a lookup over the process environment
     */
    static PropertyLookup environmentVariables() {
        return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    /**
     * This lookup first, then {@code fallback}.
     *
     * @param fallback asked for names this lookup has no value for
     * @return the combined lookup
     */
    default PropertyLookup orElse(PropertyLookup fallback) {
        return name -> {
            Optional<String> v = get(name);
            return v.isPresent() ? v : fallback.get(name);
        };
    }
}
