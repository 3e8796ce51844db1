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
 *
 * <p>The folder path is checked too ({@code infisical:${INFISICAL_TOKEN}} puts the token there, and a
 * universal-auth client secret is even a valid folder name): a segment that looks like a credential (see
 * {@link #credentialLike}) is shown as {@code ***}, and user info in a {@code host-api=} override
 * ({@code https://user:pass@host}) is left out.
 */
final class InfisicalLocations {

    static final String MASK = "***";
    private static final Set<String> FORBIDDEN = Set.of("enabled", "ordinal");
    // letters, hyphens and dots only: setting names have no digits, tokens and secrets almost always do
    private static final Pattern NAME_LIKE = Pattern.compile("[a-z][a-z-]*(\\.[a-z][a-z-]*)*");

    // a universal-auth client secret (64 hex), a long opaque token: 32+ letters/digits without any separator
    private static final Pattern LONG_OPAQUE = Pattern.compile("[A-Za-z0-9]{32,}");
    private static final Pattern USER_INFO = Pattern.compile("^(\\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//)?[^/?#@]*@");

    private InfisicalLocations() {
    }

    /**
     * True for a folder path segment that looks like a credential rather than a folder name: a service token
     * ({@code st.}), a JWT ({@code eyJ}), anything with a dot (folder names have none; tokens do), or 32 or
     * more letters and digits without any separator (a client secret).
     */
    static boolean credentialLike(String segment) {
        String s = segment.trim();
        return s.startsWith("st.") || s.startsWith("eyJ") || s.contains(".") || LONG_OPAQUE.matcher(s).matches();
    }

    /** A folder path ({@code /a/b;/c} or {@code /a,/c}) with each credential-like segment replaced by {@code ***}. */
    static String maskPath(String path) {
        StringBuilder out = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || "/;,".indexOf(path.charAt(i)) >= 0) {
                String segment = path.substring(start, i);
                out.append(credentialLike(segment) ? MASK : segment);
                if (i < path.length()) {
                    out.append(path.charAt(i));
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    /** A URL without its {@code user:password@} part. */
    static String withoutUserInfo(String url) {
        return USER_INFO.matcher(url).replaceFirst("$1");
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

    /**
     * The location with credential-like path segments, every non-accepted query value (and token-like name)
     * replaced by {@code ***}, and the user info of a {@code host-api=} override left out.
     */
    static String redact(String location) {
        int q = location.indexOf('?');
        String head = q < 0 ? location : location.substring(0, q);
        int p = head.indexOf(InfisicalConfigDataLocationResolver.PREFIX);
        int pathStart = p < 0 ? 0 : p + InfisicalConfigDataLocationResolver.PREFIX.length();
        head = head.substring(0, pathStart) + maskPath(head.substring(pathStart));
        if (q < 0) {
            return head;
        }
        StringBuilder out = new StringBuilder(head).append('?');
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
                out.append('=').append(ok ? shownValue(name, pair.substring(eq + 1)) : MASK);
            }
        }
        return out.toString();
    }

    private static String shownValue(String name, String value) {
        return switch (name) {
            case "host-api" -> withoutUserInfo(value);
            case "secrets-path" -> maskPath(value);
            default -> value;
        };
    }
}
