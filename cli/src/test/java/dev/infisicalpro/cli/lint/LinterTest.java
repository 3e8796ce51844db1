package dev.infisicalpro.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine around the rules: positions, disable comments, Markdown, SARIF, and what never leaks. */
class LinterTest {

    @TempDir
    Path dir;

    private static final String PLAINTEXT_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: example/api:1
                      env:
                        - name: DB_PASSWORD
                          value: "Kq7vX2mPz9LwR4tYb8NcJ5hD3fGs6aUeWn1Q"
            """;

    private List<String> lint(Path... paths) {
        return new Linter().lint(List.of(paths)).findings().stream().map(Finding::format).toList();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void findingPointsAtTheLineAndColumnOfTheValueInTheRightDocument() throws IOException {
        Path file = write("multi.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n"
                + PLAINTEXT_DEPLOYMENT);

        assertThat(lint(file)).singleElement().asString()
                .startsWith(file + ":18:22: PLAINTEXT-CREDENTIAL error env DB_PASSWORD of container api");
    }

    @Test
    void aKubernetesListIsCheckedItemByItem() throws IOException {
        Path file = write("list.yaml", "apiVersion: v1\nkind: List\nitems:\n"
                + PLAINTEXT_DEPLOYMENT.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElseThrow()
                        .replaceFirst("  apiVersion", "- apiVersion"));

        assertThat(lint(file)).singleElement().asString().contains("PLAINTEXT-CREDENTIAL");
    }

    @Test
    void disableCommentOnTheLineSilencesOnlyThatRuleOnThatLine() throws IOException {
        Path file = write("a.yaml", PLAINTEXT_DEPLOYMENT.replace("aUeWn1Q\"", "aUeWn1Q\"  # infisical-pro:disable=PLAINTEXT-CREDENTIAL"));
        Path other = write("b.yaml", PLAINTEXT_DEPLOYMENT.replace("aUeWn1Q\"", "aUeWn1Q\"  # infisical-pro:disable=CRD-HOST-API"));

        assertThat(lint(file)).isEmpty();
        assertThat(lint(other)).singleElement().asString().contains("PLAINTEXT-CREDENTIAL");
    }

    @Test
    void disableCommentOnItsOwnLineSilencesTheNextLine() throws IOException {
        Path file = write("a.yaml", PLAINTEXT_DEPLOYMENT.replace("value: \"Kq7",
                "# infisical-pro:disable=PLAINTEXT-CREDENTIAL\n              value: \"Kq7"));

        assertThat(lint(file)).isEmpty();
    }

    @Test
    void disableFileSilencesTheRuleInTheWholeFileAndAllSilencesEveryRule() throws IOException {
        Path file = write("a.yaml", "# infisical-pro:disable-file=plaintext-credential\n" + PLAINTEXT_DEPLOYMENT);
        Path all = write("b.sh", "# infisical-pro:disable-file=ALL\ninfisical export --raw\n");

        assertThat(lint(file, all)).isEmpty();
    }

    @Test
    void rulesCanBeTurnedOffForAWholeRun() throws IOException {
        Path file = write("a.yaml", PLAINTEXT_DEPLOYMENT);

        assertThat(new Linter(Set.of(Rule.PLAINTEXT_CREDENTIAL)).lint(List.of(file)).findings()).isEmpty();
    }

    @Test
    void markdownYamlAndShellBlocksAreCheckedWithPositionsInTheMarkdownFile() throws IOException {
        Path file = write("README.md", "# Setup\n\n```yaml\n" + PLAINTEXT_DEPLOYMENT + "```\n\nThen:\n\n```bash\n"
                + "infisical secrets get DB --raw\n```\n\n```java\nString s = \"infisical x --raw\";\n```\n");

        assertThat(lint(file)).containsExactly(
                file + ":16:22: PLAINTEXT-CREDENTIAL error env DB_PASSWORD of container api in Deployment api has a "
                        + "literal value: store it in a Secret and use valueFrom: {secretKeyRef: {name: <secret>, key: "
                        + "DB_PASSWORD}} (or envFrom)",
                file + ":22:26: CLI-RAW-FLAG error --raw is gone from the infisical CLI: use --plain (with --silent "
                        + "to keep stdout clean)");
    }

    @Test
    void aConsoleBlockChecksTheCommandsNotWhatTheyPrinted() throws IOException {
        Path file = write("doc.md", "```console\n$ infisical export --raw\nerror: the infisical CLI has no --raw\n```\n");

        assertThat(lint(file)).singleElement().asString().startsWith(file + ":2:20: CLI-RAW-FLAG");
    }

    @Test
    void directoriesAreWalkedButBuildOutputAndHiddenFoldersAreNot() throws IOException {
        write("k8s/app.yaml", PLAINTEXT_DEPLOYMENT);
        write("k8s/target/copy.yaml", PLAINTEXT_DEPLOYMENT);
        write("k8s/.git/copy.yaml", PLAINTEXT_DEPLOYMENT);
        write("k8s/notes.txt", "infisical export --raw");
        write("k8s/run", "#!/usr/bin/env bash\ninfisical export --raw\n");
        write("k8s/settings.json", "{\"a\": \"ref:infisical:A\"}");

        LintResult result = new Linter().lint(List.of(dir.resolve("k8s")));

        assertThat(result.findings()).extracting(f -> dir.relativize(Path.of(f.file())) + " " + f.rule().id())
                .containsExactly("k8s/app.yaml PLAINTEXT-CREDENTIAL", "k8s/run CLI-RAW-FLAG");
        assertThat(result.filesChecked()).isEqualTo(2);
    }

    @Test
    void aFileNamedExplicitlyIsReadWhateverItsName() throws IOException {
        Path json = write("settings.json", "{\"a\": \"ref:infisical:A\"}");
        Path txt = write("notes.txt", "infisical export --raw\n");

        assertThat(lint(json, txt)).hasSize(2);
    }

    @Test
    void aMissingPathFailsLoudly() {
        assertThatThrownBy(() -> new Linter().lint(List.of(dir.resolve("nope.yaml"))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void execProviderCommandThatIsASymlinkIsAnErrorUnlessAllowed() throws IOException {
        Path target = write("bin/real-provider", "#!/bin/sh\n");
        Path link = Files.createSymbolicLink(dir.resolve("bin/openclaw-infisical"), target);
        Path config = write("openclaw.json", "{\"secrets\": {\"providers\": {\"infisical\": "
                + "{\"source\": \"exec\", \"command\": \"" + link + "\"}}}}");
        Path allowed = write("allowed/openclaw.json", "{\"secrets\": {\"providers\": {\"infisical\": "
                + "{\"source\": \"exec\", \"command\": \"" + link + "\", \"allowSymlinkCommand\": true, "
                + "\"trustedDirs\": [\"" + dir + "\"]}}}}");
        Path direct = write("direct/openclaw.json", "{\"secrets\": {\"providers\": {\"infisical\": "
                + "{\"source\": \"exec\", \"command\": \"" + target + "\"}}}}");

        assertThat(lint(config)).singleElement().asString()
                .contains("OPENCLAW-EXEC-COMMAND error", "is a symlink to " + target.toRealPath());
        assertThat(lint(allowed)).isEmpty();
        assertThat(lint(direct)).isEmpty();
    }

    @Test
    void sarifNamesEveryRuleAndPlacesEveryResult() throws IOException {
        LintResult result = new Linter().lint(List.of(LintRulesTest.fixtures("PLAINTEXT-CREDENTIAL", "bad")));

        JsonNode sarif = new ObjectMapper().readTree(Sarif.write(result, "1.2.3"));

        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.path("runs").path(0);
        assertThat(run.path("tool").path("driver").path("rules")).hasSize(Rule.values().length);
        assertThat(run.path("tool").path("driver").path("version").asText()).isEqualTo("1.2.3");
        JsonNode results = run.path("results");
        assertThat(results).hasSize(result.findings().size()).hasSize(4);
        JsonNode first = results.path(0);
        Finding f = result.findings().get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("PLAINTEXT-CREDENTIAL");
        assertThat(first.path("level").asText()).isEqualTo("error");
        assertThat(run.path("tool").path("driver").path("rules").path(first.path("ruleIndex").asInt())
                .path("id").asText()).isEqualTo("PLAINTEXT-CREDENTIAL");
        JsonNode location = first.path("locations").path(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).endsWith("PLAINTEXT-CREDENTIAL/bad/postgres.yaml");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(f.line());
        assertThat(location.path("region").path("startColumn").asInt()).isEqualTo(f.column());
    }

    /** The bad fixtures hold values that start with "canary": no message, text or SARIF, may quote one. */
    @Test
    void noSecretValueFromAnyFixtureAppearsInAnyMessage() throws IOException {
        List<Path> bad = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            bad.add(LintRulesTest.fixtures(rule.id(), "bad"));
        }
        LintResult result = new Linter().lint(bad);
        String all = String.join("\n", result.findings().stream().map(Finding::message).toList())
                + Sarif.write(result, "x");

        assertThat(result.findings()).hasSizeGreaterThan(30);
        assertThat(all.toLowerCase(Locale.ROOT)).doesNotContain("canary", "kq7vx2m", "st.6f1c2f4e", "st.xxxx");
        try (Stream<Path> files = Files.walk(LintRulesTest.fixtures("PLAINTEXT-CREDENTIAL", "bad"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).anyMatch(text -> text.contains("canary-"))).as("the fixtures do carry canaries").isTrue();
        }
    }
}
