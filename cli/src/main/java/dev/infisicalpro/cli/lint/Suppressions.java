package dev.infisicalpro.cli.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Disable comments in a file. Any comment syntax works ({@code #}, {@code //}, {@code <!-- -->}):
 * <ul>
 *   <li>{@code infisical-pro:disable=ID[,ID…]} at the end of a line: that line;</li>
 *   <li>the same on a line of its own: the next line that is not blank or a comment;</li>
 *   <li>{@code infisical-pro:disable-file=ID[,ID…]} anywhere: the whole file.</li>
 * </ul>
 * {@code ALL} stands for every rule.
 */
final class Suppressions {

    private static final Pattern MARKER =
            Pattern.compile("infisical-pro:disable(-file)?=([A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)");

    private final Set<String> wholeFile = new HashSet<>();
    private final Map<Integer, Set<String>> byLine = new HashMap<>();

    private Suppressions() {
    }

    static Suppressions parse(List<String> lines) {
        Suppressions s = new Suppressions();
        Set<String> pending = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = MARKER.matcher(line);
            String stripped = line.strip();
            boolean commentOnly = stripped.startsWith("#") || stripped.startsWith("//") || stripped.startsWith("<!--");
            if (m.find()) {
                Set<String> ids = ids(m.group(2));
                if (m.group(1) != null) {
                    s.wholeFile.addAll(ids);
                } else if (commentOnly) {
                    pending.addAll(ids);
                } else {
                    s.byLine.computeIfAbsent(i + 1, k -> new HashSet<>()).addAll(ids);
                }
                continue;
            }
            if (!pending.isEmpty() && !stripped.isEmpty() && !commentOnly) {
                s.byLine.computeIfAbsent(i + 1, k -> new HashSet<>()).addAll(pending);
                pending.clear();
            }
        }
        return s;
    }

    boolean suppresses(Finding finding) {
        String id = finding.rule().id();
        if (wholeFile.contains(id) || wholeFile.contains("ALL")) {
            return true;
        }
        Set<String> ids = byLine.get(finding.line());
        return ids != null && (ids.contains(id) || ids.contains("ALL"));
    }

    private static Set<String> ids(String list) {
        Set<String> ids = new HashSet<>();
        for (String id : list.split(",")) {
            ids.add(id.strip().toUpperCase(Locale.ROOT));
        }
        return ids;
    }
}
