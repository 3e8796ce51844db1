package dev.infisicalpro.cli.lint;

import java.util.List;

/**
 * What one lint run found, sorted by file, line and column.
 *
 * <pre>{@code
 * LintResult result = new Linter().lint(paths);
 * if (result.hasErrors()) { ... }
 * }</pre>
 *
 * @param findings     every finding not disabled by a comment or option
 * @param filesChecked how many files were read
 */
public record LintResult(List<Finding> findings, int filesChecked) {

    public LintResult {
        findings = List.copyOf(findings);
    }

    /** Whether any finding is an {@link Severity#ERROR} (the command then exits 1). */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** How many findings have {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** {@code 2 errors, 1 warning, 0 info in 5 files}. */
    public String summary() {
        long e = count(Severity.ERROR);
        long w = count(Severity.WARNING);
        return e + (e == 1 ? " error, " : " errors, ") + w + (w == 1 ? " warning, " : " warnings, ")
                + count(Severity.INFO) + " info in " + filesChecked + (filesChecked == 1 ? " file" : " files");
    }
}
