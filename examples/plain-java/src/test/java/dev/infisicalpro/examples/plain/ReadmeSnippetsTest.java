package dev.infisicalpro.examples.plain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the root README honest: every {@code java}, {@code properties} and {@code yaml} block must be
 * preceded by {@code <!-- snippet: path -->} naming a compiled, tested file of this repository, and
 * its lines must stand in that file in the same order, one after another (blank lines, whole-line
 * comments and test-only lines ending in {@code // not in README} aside). A README edit that drifts from the code, or code that drifts from the README,
 * fails the build.
 */
class ReadmeSnippetsTest {

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*(\\S+)\\s*-->$");
    private static final List<String> CHECKED = List.of("java", "properties", "yaml", "yml");

    record Snippet(int line, String language, String source, List<String> lines) {
    }

    @Test
    void everyCodeSnippetInTheReadmeStandsInTheFileItNames() throws IOException {
        Path root = repositoryRoot();
        List<Snippet> snippets = snippets(Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8));

        assertThat(snippets).as("README code snippets found").hasSizeGreaterThanOrEqualTo(6);
        List<String> problems = new ArrayList<>();
        for (Snippet s : snippets) {
            if (s.source().isEmpty()) {
                problems.add("README line " + s.line() + ": " + s.language()
                        + " block has no <!-- snippet: path --> marker");
                continue;
            }
            Path file = root.resolve(s.source());
            if (!Files.isRegularFile(file)) {
                problems.add("README line " + s.line() + ": " + s.source() + " does not exist");
                continue;
            }
            List<String> want = normalise(s.lines());
            List<String> have = normalise(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (want.isEmpty() || Collections.indexOfSubList(have, want) < 0) {
                problems.add("README line " + s.line() + ": snippet is not in " + s.source());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aSnippetThatDriftedFromItsFileIsCaught() {
        List<String> file = normalise(List.of("int a = 1;", "", "// why", "check(a); // not in README", "int b = 2;"));
        assertThat(Collections.indexOfSubList(file, normalise(List.of("int a = 1;", "int b = 2;")))).isZero();
        assertThat(Collections.indexOfSubList(file, normalise(List.of("int a = 1;", "int b = 3;")))).isNegative();
    }

    private static List<Snippet> snippets(List<String> readme) {
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher open = FENCE.matcher(readme.get(i));
            if (!open.matches() || open.group(1).isEmpty()) {
                continue;
            }
            String language = open.group(1).toLowerCase(Locale.ROOT);
            int end = i + 1;
            while (end < readme.size() && !readme.get(end).startsWith("```")) {
                end++;
            }
            if (CHECKED.contains(language)) {
                int before = i - 1;
                while (before >= 0 && readme.get(before).isBlank()) {
                    before--;
                }
                Matcher marker = before >= 0 ? MARKER.matcher(readme.get(before).trim()) : null;
                String source = marker != null && marker.matches() ? marker.group(1) : "";
                out.add(new Snippet(i + 1, language, source, readme.subList(i + 1, end)));
            }
            i = end;
        }
        return out;
    }

    /** Trimmed lines without blanks and without whole-line comments. */
    private static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("//") || t.startsWith("#") || t.endsWith("// not in README")) {
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("core"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
