package dev.infisicalpro.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * validation error may echo its input, raw, JSON-stringified ({@code \n}, {@code \"}, {@code &#92;u00XX})
 * or URL-encoded. Not API.
 *
 * <p>Minimum lengths: credentials and token parts are scrubbed from {@link #MIN_CREDENTIAL_LENGTH}
 * characters on. Written secret values are scrubbed anywhere from {@link #MIN_VALUE_LENGTH} characters
 * on; a shorter one (a PIN, a port, {@code true}) only where it stands quoted on its own, as an echoed
 * field does ({@code "received":"4821"}, {@code '4821'}), because such short strings also occur inside
 * ordinary server words and masking every occurrence would make the message unreadable.
 */
public final class Redactor {

    static final int MIN_CREDENTIAL_LENGTH = 3;
    static final int MIN_VALUE_LENGTH = 8;
    /** A cut-off tail at least this long that starts a secret is masked too. */
    static final int MIN_FRAGMENT = 8;
    static final String MASK = "***";
    /** Request-body fields holding credentials. */
    private static final Set<String> CREDENTIAL_FIELDS = Set.of(ApiPaths.CLIENT_SECRET, ApiPaths.ACCESS_TOKEN,
            ApiPaths.JWT);

    /** Every form to look for (raw, JSON-escaped, URL-encoded, quoted), longest first: a token before its parts. */
    private final List<Form> forms;
    /** Credentials long enough that any {@link #MIN_RUN}-character run of them is masked too. */
    private final List<String> runSources;

    /** A server that echoes only part of a credential (a prefix, a cut-off tail) still shows none of it. */
    static final int MIN_RUN = 8;

    /** A text to look for and what replaces it (a quoted short value keeps its quotes). */
    private record Form(String text, String replacement) {
        @Override
        public String toString() {
            return "Form[" + text.length() + " chars]";
        }
    }

    private Redactor(Collection<String> credentials, Collection<String> values) {
        Set<Form> f = new LinkedHashSet<>();
        Set<String> runs = new LinkedHashSet<>();
        for (String c : credentials) {
            if (c != null && c.length() >= MIN_CREDENTIAL_LENGTH) {
                addForms(c, f);
            }
            if (c != null && c.length() > MIN_RUN) {
                runs.add(c);
            }
        }
        this.runSources = List.copyOf(runs);
        for (String v : values) {
            if (v != null && v.length() >= MIN_VALUE_LENGTH) {
                addForms(v, f);
            } else if (v != null && !v.isEmpty()) {
                addQuotedForms(v, f);
            }
        }
        List<Form> s = new ArrayList<>(f);
        s.sort(Comparator.comparingInt((Form x) -> x.text().length()).reversed());
        this.forms = List.copyOf(s);
    }

    private static void addForms(String secret, Set<Form> out) {
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8); // application/x-www-form-urlencoded
        // encodeURIComponent: %20 for space and a few characters left as they are
        String component = form.replace("+", "%20").replace("%21", "!").replace("%27", "'").replace("%28", "(")
                .replace("%29", ")").replace("%7E", "~");
        for (String t : List.of(secret, jsonEscape(secret, false), jsonEscape(secret, true), form, component)) {
            out.add(new Form(t, MASK)); // the set drops forms that coincide
        }
    }

    /** A short value only as a whole quoted string: raw, or JSON-escaped inside a JSON-stringified message. */
    private static void addQuotedForms(String value, Set<Form> out) {
        for (String v : new LinkedHashSet<>(List.of(value, jsonEscape(value, false), jsonEscape(value, true)))) {
            for (String q : List.of("\"", "'", "\\\"")) {
                out.add(new Form(q + v + q, q + MASK + q));
            }
        }
    }

    /** JSON string escaping as JavaScript's JSON.stringify does it, or with every non-ASCII char as {@code &#92;uXXXX}. */
    static String jsonEscape(String s, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A redactor for these credential strings plus every secret field found in {@code body} (a JSON tree). */
    public static Redactor of(Collection<String> credentials, Object body) {
        List<String> creds = new ArrayList<>(credentials);
        List<String> values = new ArrayList<>();
        collect(body, creds, values);
        return new Redactor(creds, values);
    }

    private static void collect(Object node, List<String> creds, List<String> values) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String field = String.valueOf(e.getKey());
                if (e.getValue() instanceof String s && CREDENTIAL_FIELDS.contains(field)) {
                    creds.add(s);
                } else if (e.getValue() instanceof String s && ApiPaths.SECRET_VALUE.equals(field)) {
                    values.add(s);
                } else {
                    collect(e.getValue(), creds, values);
                }
            }
        } else if (node instanceof Collection<?> list) {
            for (Object item : list) {
                collect(item, creds, values);
            }
        }
    }

    /** The text with every known secret, in every form, replaced by {@code ***}. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Form f : forms) {
            out = out.replace(f.text(), f.replacement());
        }
        return runSources.isEmpty() ? out : maskRuns(out);
    }

    /**
     * Masks every stretch of {@code text} of {@link #MIN_RUN}+ characters that also occurs inside a
     * credential (a prefix, a middle, a tail): texts here are short server messages, so the quadratic
     * scan costs nothing that matters.
     */
    private String maskRuns(String text) {
        if (text.length() < MIN_RUN) {
            return text;
        }
        boolean[] masked = new boolean[text.length()];
        boolean any = false;
        for (String c : runSources) {
            for (int i = 0; i + MIN_RUN <= text.length(); i++) {
                int from = c.indexOf(text.substring(i, i + MIN_RUN));
                while (from >= 0) {
                    int len = MIN_RUN;
                    while (i + len < text.length() && from + len < c.length()
                            && text.charAt(i + len) == c.charAt(from + len)) {
                        len++;
                    }
                    for (int k = i; k < i + len; k++) {
                        masked[k] = true;
                    }
                    any = true;
                    from = c.indexOf(text.substring(i, i + MIN_RUN), from + 1);
                }
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!masked[i]) {
                sb.append(text.charAt(i));
            } else if (i == 0 || !masked[i - 1]) {
                sb.append(MASK);
            }
        }
        return sb.toString();
    }

    /**
     * The text as an exception may show it: scrubbed in full first (a secret crossing the cut is still
     * whole there), then cut to {@code max} characters; a cut-off tail of {@link #MIN_FRAGMENT}+
     * characters that begins a secret is masked as well.
     */
    public String shown(String text, int max) {
        String out = scrub(text);
        if (out == null || out.length() <= max) {
            return out;
        }
        out = out.substring(0, max);
        for (Form f : forms) {
            String s = f.text();
            for (int k = Math.min(s.length() - 1, out.length()); k >= MIN_FRAGMENT; k--) {
                if (out.regionMatches(out.length() - k, s, 0, k)) {
                    out = out.substring(0, out.length() - k) + MASK;
                    break;
                }
            }
        }
        return out + "...";
    }

    @Override
    public String toString() {
        return "Redactor[" + forms.size() + " forms]";
    }
}
