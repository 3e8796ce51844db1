package dev.infisicalpro.cli.lint;

import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.CliException;
import dev.infisicalpro.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code infisical-pro lint FILE|DIR…}: the field guide's Common Mistakes as static checks over
 * Kubernetes manifests, {@code openclaw.json}, scripts, systemd units and Markdown code blocks. No
 * network.
 *
 * <pre>{@code
 * infisical-pro lint k8s/ openclaw.json scripts/
 * infisical-pro lint --format sarif k8s/ > lint.sarif
 * }</pre>
 */
@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check Kubernetes manifests (InfisicalSecret, Secrets, workloads), openclaw.json, shell "
                + "scripts, systemd units and the yaml/shell blocks of Markdown files for the field guide's "
                + "common mistakes. Reads files only; no network.",
                "Output: file:line:col: RULE-ID severity message. Silence a finding with a comment "
                        + "# infisical-pro:disable=RULE-ID on its line (or alone on the line above), or "
                        + "# infisical-pro:disable-file=RULE-ID anywhere in the file."},
        footer = "%nExit codes: 0 no errors (warnings and info allowed), 1 errors found, 2 usage (e.g. a path "
                + "that does not exist).")
public final class LintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
            description = "files and directories (recursively; target/, node_modules/ and hidden folders are skipped)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or sarif (SARIF 2.1.0 for code-scanning tools)")
    String format;

    @Option(names = "--disable", paramLabel = "RULE-ID", split = ",",
            description = "rules to turn off for this run (comma-separated)")
    List<String> disable = new ArrayList<>();

    @Option(names = "--list-rules", description = "print every rule with its severity and exit")
    boolean listRules;

    @Override
    public Integer call() {
        if (listRules) {
            for (Rule rule : Rule.values()) {
                Cli.stdout().printf("%-24s %-8s %s%n", rule.id(), rule.severity().label(), rule.summary());
            }
            return ExitCodes.OK;
        }
        if (!format.equals("text") && !format.equals("sarif")) {
            throw new CliException(ExitCodes.USAGE, "--format must be text or sarif, not '" + format + "'");
        }
        if (paths.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "name at least one file or directory to lint");
        }
        Set<Rule> off = EnumSet.noneOf(Rule.class);
        for (String id : disable) {
            off.add(Rule.byId(id).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                    "--disable: no rule '" + id.strip() + "' (see --list-rules)")));
        }
        LintResult result;
        try {
            result = new Linter(off).lint(paths);
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.USAGE, e.getCause().getMessage());
        }
        if (format.equals("sarif")) {
            Cli.stdout().println(Sarif.write(result, version()));
        } else {
            result.findings().forEach(f -> Cli.stdout().println(f.format()));
            Cli.stderr().println(result.summary());
        }
        return result.hasErrors() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** The build's version, from the same resource {@code --version} reads. */
    private static String version() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = dev.infisicalpro.cli.Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // "unknown" below
        }
        return p.getProperty("version", "unknown");
    }
}
