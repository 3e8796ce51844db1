package dev.infisicalpro.cli.lint;

/**
 * One problem in one file, at a 1-based line and column. Messages name keys and fixes but never
 * quote a secret value.
 *
 * <pre>{@code
 * System.out.println(finding.format()); // k8s/app.yaml:12:9: PLAINTEXT-CREDENTIAL error ...
 * }</pre>
 *
 * @param file    the path as given on the command line (or found under a given directory)
 * @param line    1-based line
 * @param column  1-based column
 * @param rule    the rule that fired
 * @param message what is wrong and how to fix it
 */
public record Finding(String file, int line, int column, Rule rule, String message) {

    /** The rule's severity. */
    public Severity severity() {
        return rule.severity();
    }

    /** {@code file:line:col: RULE-ID severity message}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + rule.id() + " " + severity().label() + " " + message;
    }
}
