package dev.infisicalpro.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scrubs a request's own secret strings (the token sent, the credentials, the secret values in its body)
 * out of text the server sent back, before that text goes into an exception message: a proxy or a
 * validation error may echo its input. Strings shorter than {@link #MIN_LENGTH} are left alone: scrubbing
 * "a" or "1" would make every message unreadable while hiding nothing worth hiding. Not API.
 */
public final class Redactor {

    static final int MIN_LENGTH = 3;
    static final String MASK = "***";
    /** Request-body fields whose values are secret material. */
    private static final Set<String> SECRET_FIELDS = Set.of(ApiPaths.CLIENT_SECRET, ApiPaths.ACCESS_TOKEN,
            ApiPaths.JWT, ApiPaths.SECRET_VALUE);

    static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(Collection<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String v : new LinkedHashSet<>(secrets)) {
            if (v != null && v.length() >= MIN_LENGTH) {
                s.add(v);
            }
        }
        s.sort(Comparator.comparingInt(String::length).reversed()); // longest first: a token before its parts
        this.secrets = List.copyOf(s);
    }

    /** A redactor for these strings plus every secret field found in {@code body} (a JSON tree). */
    public static Redactor of(Collection<String> strings, Object body) {
        List<String> all = new ArrayList<>(strings);
        collect(body, all);
        return new Redactor(all);
    }

    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof String s && SECRET_FIELDS.contains(String.valueOf(e.getKey()))) {
                    out.add(s);
                } else {
                    collect(e.getValue(), out);
                }
            }
        } else if (node instanceof Collection<?> list) {
            for (Object item : list) {
                collect(item, out);
            }
        }
    }

    /** The text with every known secret replaced by {@code ***}. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " strings]";
    }
}
