package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md lists the public API, one line per public type, package by package: every public
 * top-level type of the published modules (outside {@code internal} packages) has its line under its package,
 * and every line names a type that exists there. A new public type without a line, a removed one that is
 * still listed, or one listed under the wrong package fails here.
 */
class PublicApiDocTest {

    private static final List<String> MODULES = List.of("core", "spring-adapter", "microprofile-adapter", "testkit");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public (?:(?:final|abstract|sealed|non-sealed|static) )*(?:class|interface|record|enum|@interface) (\\w+)");
    private static final Pattern PACKAGE_HEADING = Pattern.compile("^### `([\\w.]+)`");
    private static final Pattern TYPE_ROW = Pattern.compile("^\\| `(\\w+)` \\|");

    /** Package to public top-level type names, read from the sources. */
    static Map<String, Set<String>> publicTypesInSources() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String module : MODULES) {
            Path root = Path.of("..", module, "src/main/java");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(p);
                    Matcher pkg = PACKAGE.matcher(text);
                    Matcher type = PUBLIC_TYPE.matcher(text);
                    if (!pkg.find() || !type.find() || pkg.group(1).matches(".*\\.internal(\\..*)?")) {
                        continue;
                    }
                    out.computeIfAbsent(pkg.group(1), k -> new TreeSet<>()).add(type.group(1));
                }
            }
        }
        return out;
    }

    /** Package to type names listed in the "Public API" section of docs/architecture.md. */
    static Map<String, Set<String>> publicTypesInDoc() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "architecture.md"));
        Map<String, Set<String>> out = new TreeMap<>();
        boolean inSection = false;
        String pkg = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Public API");
                pkg = null;
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher heading = PACKAGE_HEADING.matcher(line);
            if (heading.find()) {
                pkg = heading.group(1);
                out.computeIfAbsent(pkg, k -> new TreeSet<>());
                continue;
            }
            Matcher row = TYPE_ROW.matcher(line);
            if (row.find()) {
                assertThat(pkg).as("a type row before any package heading: " + line).isNotNull();
                out.get(pkg).add(row.group(1));
            }
        }
        return out;
    }

    @Test
    void everyPublicTypeHasItsLineUnderItsPackageAndNothingElseIsListed() throws IOException {
        Map<String, Set<String>> sources = publicTypesInSources();
        // the scan itself must see the API, or the comparison proves nothing
        assertThat(sources).containsKeys("dev.infisicalpro", "dev.infisicalpro.config", "dev.infisicalpro.spring",
                "dev.infisicalpro.microprofile", "dev.infisicalpro.testkit");
        assertThat(sources.get("dev.infisicalpro")).contains("InfisicalClient", "LiveSecrets", "InfisicalException");
        Set<String> inSources = qualified(sources);
        Set<String> inDoc = qualified(publicTypesInDoc());
        Set<String> missing = new TreeSet<>(inSources);
        missing.removeAll(inDoc);
        Set<String> stale = new TreeSet<>(inDoc);
        stale.removeAll(inSources);
        assertThat(missing).as("public types without a line in docs/architecture.md, \"Public API\"").isEmpty();
        assertThat(stale).as("lines in docs/architecture.md, \"Public API\", naming no public type there").isEmpty();
    }

    private static Set<String> qualified(Map<String, Set<String>> byPackage) {
        Set<String> out = new TreeSet<>();
        byPackage.forEach((pkg, types) -> types.forEach(t -> out.add(pkg + "." + t)));
        return out;
    }
}
