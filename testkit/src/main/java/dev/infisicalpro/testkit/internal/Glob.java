package dev.infisicalpro.testkit.internal;

import java.util.regex.Pattern;

/**
 * The subset of picomatch the server relies on ({@code isMatch(path, pattern, {strictSlashes:false})}
 * and {@code scan(pattern).isGlob}), checked against the truth table of infisical-api.md §6.3.
 * Not API.
 */
public final class Glob {

    private Glob() {
    }

    /** Whether picomatch would see a glob (and so the single-scope override does not apply). */
    public static boolean isGlob(String pattern) {
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == '{' || c == '(' || c == '!') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} matches {@code pattern}. An empty pattern never matches. */
    public static boolean matches(String path, String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return false;
        }
        return toRegex(pattern).matcher(path).matches();
    }

    static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean segStart = i == 0 || glob.charAt(i - 1) == '/';
            if (c == '/' && glob.startsWith("/**", i) && (i + 3 == n || glob.charAt(i + 3) == '/')) {
                // "/**" matches the folder itself and everything below it ("/app/**" matches "/app")
                re.append("(?:/.*)?");
                i += 2;
            } else if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && segStart
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                re.append(".*");
                i += 1;
            } else if (c == '*') {
                // at a segment start picomatch requires at least one character ("/*" does not match "/")
                re.append(segStart ? "[^/]+" : "[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    re.append("\\[");
                } else {
                    String cls = glob.substring(i + 1, end).replace("\\", "\\\\");
                    if (cls.startsWith("!")) {
                        cls = "^" + cls.substring(1);
                    }
                    re.append('[').append(cls).append(']');
                    i = end;
                }
            } else if (c == '{') {
                int end = glob.indexOf('}', i + 1);
                if (end < 0) {
                    re.append("\\{");
                } else {
                    re.append("(?:");
                    String[] alts = glob.substring(i + 1, end).split(",", -1);
                    for (int a = 0; a < alts.length; a++) {
                        if (a > 0) {
                            re.append('|');
                        }
                        re.append(Pattern.quote(alts[a]));
                    }
                    re.append(')');
                    i = end;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // strictSlashes: false — a trailing slash on the path is tolerated
        re.append("/?");
        return Pattern.compile(re.toString());
    }
}
