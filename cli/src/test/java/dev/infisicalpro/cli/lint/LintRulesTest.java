package dev.infisicalpro.cli.lint;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule against its two fixtures under {@code lint/<RULE-ID>/}: {@code good/} (taken from the
 * field guide's examples, done right) must produce no finding at all, and {@code bad/} (the guide's
 * example or its Common Mistakes row, done wrong) must produce exactly the findings its
 * {@code expect: RULE-ID} comments mark, on those lines — no more, no fewer.
 */
class LintRulesTest {

    private static final Pattern EXPECT = Pattern.compile("expect: ([A-Z0-9-]+(?:,[A-Z0-9-]+)*)");

    static Path fixtures(String rule, String kind) {
        try {
            return Path.of(Objects.requireNonNull(LintRulesTest.class.getResource("/lint/" + rule + "/" + kind),
                    "fixture lint/" + rule + "/" + kind + " is missing").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} good fixture is clean")
    @EnumSource(Rule.class)
    void goodFixtureProducesNoFinding(Rule rule) {
        LintResult result = new Linter().lint(List.of(fixtures(rule.id(), "good")));

        assertThat(result.filesChecked()).isPositive();
        assertThat(result.findings()).extracting(Finding::format).isEmpty();
        assertThat(result.hasErrors()).isFalse();
    }

    @ParameterizedTest(name = "{0} bad fixture finds exactly what it marks")
    @EnumSource(Rule.class)
    void badFixtureProducesExactlyTheMarkedFindings(Rule rule) throws IOException {
        Path dir = fixtures(rule.id(), "bad");
        TreeSet<String> expected = expectations(dir);
        LintResult result = new Linter().lint(List.of(dir));

        TreeSet<String> actual = new TreeSet<>();
        result.findings().forEach(f -> actual.add(Path.of(f.file()).getFileName() + ":" + f.line() + ":" + f.rule().id()));
        assertThat(expected).as("the bad fixture marks at least one " + rule.id())
                .anyMatch(e -> e.endsWith(":" + rule.id()));
        assertThat(actual).as(String.join("\n", result.findings().stream().map(Finding::format).toList()))
                .containsExactlyElementsOf(expected);
        assertThat(result.hasErrors()).isEqualTo(result.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR));
    }

    /** {@code file:line:RULE} for every {@code expect:} marker under {@code dir}. */
    static TreeSet<String> expectations(Path dir) throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECT.matcher(lines.get(i));
                if (m.find()) {
                    for (String id : m.group(1).split(",")) {
                        expected.add(file.getFileName() + ":" + (i + 1) + ":" + id);
                    }
                }
            }
        }
        return expected;
    }
}
