package dev.infisicalpro.spring.boot;

import dev.infisicalpro.config.InfisicalSettings;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an {@code infisical:} location is shown in messages, logs, resource and property source names.
 * Someone may paste a credential into the import URL ({@code infisical:/app?auth.client-secret=...}),
 * which is refused, but the refusal must not repeat it: the value of every parameter that is not an
 * accepted non-credential override becomes {@code ***}, and a parameter name that does not look like a
 * setting name (a pasted token) too. Accepted overrides ({@code env-slug=prod}) stay visible, since they
 * are settings, not secrets, and two imports that differ only in them need different property source names.
 */
final class InfisicalLocations {

    static final String MASK = "***";
    private static final Set<String> FORBIDDEN = Set.of("enabled", "ordinal");
    // letters, hyphens and dots only: setting names have no digits, tokens and secrets almost always do
    private static final Pattern NAME_LIKE = Pattern.compile("[a-z][a-z-]*(\\.[a-z][a-z-]*)*");

    private InfisicalLocations() {
    }

    /** True for a query parameter name the import URL accepts (a contract key, not a credential). */
    static boolean accepted(String name) {
        return !name.startsWith("auth.") && !FORBIDDEN.contains(name)
                && InfisicalSettings.ALL_KEYS.contains("infisical." + name);
    }

    /**
     * A non-accepted parameter name as it may be shown: only when it has a value ({@code name=...}, so it is
     * meant as a name) and looks like a setting name; a bare {@code ?xyz} may be a pasted token.
     */
    static String safeName(String name, boolean hasValue) {
        return hasValue && name.length() <= 40 && NAME_LIKE.matcher(name).matches() ? name : MASK;
    }

    /** The location with every non-accepted query value (and token-like name) replaced by {@code ***}. */
    static String redact(String location) {
        int q = location.indexOf('?');
        if (q < 0) {
            return location;
        }
        StringBuilder out = new StringBuilder(location.substring(0, q + 1));
        String[] pairs = location.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = rawName.trim().toLowerCase(Locale.ROOT);
            boolean ok = accepted(name);
            out.append(ok ? rawName : safeName(name, eq >= 0));
            if (eq >= 0) {
                out.append('=').append(ok ? pair.substring(eq + 1) : MASK);
            }
        }
        return out.toString();
    }
}
