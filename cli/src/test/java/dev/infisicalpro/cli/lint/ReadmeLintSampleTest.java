package dev.infisicalpro.cli.lint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's lint sample is real: the block after {@code <!-- lint-sample: DIR -->} starts with the
 * command, and its other lines are exactly what the linter prints (findings, then the summary) when
 * run in DIR with those arguments.
 */
class ReadmeLintSampleTest {

    @Test
    void theReadmeSampleIsWhatLintPrints() throws IOException {
        Path root = RepositoryLintTest.repositoryRoot();
        List<String> readme = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        int marker = -1;
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("<!-- lint-sample: ")) {
                marker = i;
            }
        }
        assertThat(marker).as("README has a <!-- lint-sample: DIR --> block").isPositive();
        Path dir = root.resolve(readme.get(marker).replace("<!-- lint-sample: ", "").replace(" -->", "").strip());
        assertThat(readme.get(marker + 1)).isEqualTo("```console");
        String command = readme.get(marker + 2);
        assertThat(command).startsWith("$ infisical-pro lint ");
        List<String> shown = new ArrayList<>();
        for (int i = marker + 3; !readme.get(i).startsWith("```"); i++) {
            shown.add(readme.get(i));
        }

        List<Path> args = new ArrayList<>();
        for (String arg : command.substring("$ infisical-pro lint ".length()).split(" ")) {
            args.add(dir.resolve(arg));
        }
        LintResult result = new Linter().lint(args);
        List<String> printed = new ArrayList<>();
        String prefix = dir + java.io.File.separator;
        result.findings().forEach(f -> printed.add(f.format().substring(prefix.length())));
        printed.add(result.summary());

        assertThat(shown).containsExactlyElementsOf(printed);
    }
}
