package dev.infisicalpro.cli.lint;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** This repository's own examples and docs must pass the linter it ships: no finding at all. */
class RepositoryLintTest {

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isDirectory(dir.resolve("docs"))
                    && Files.isDirectory(dir.resolve("core"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void examplesAndDocsAreClean() {
        Path root = repositoryRoot();

        LintResult result = new Linter().lint(List.of(root.resolve("examples"), root.resolve("docs")));

        assertThat(result.filesChecked()).as("files read under examples/ and docs/").isGreaterThanOrEqualTo(5);
        assertThat(result.findings()).extracting(Finding::format).isEmpty();
    }
}
