package dev.infisicalpro.cli.lint;

import java.util.Locale;

/**
 * How bad a finding is. Only {@link #ERROR} makes {@code infisical-pro lint} exit 1.
 *
 * <pre>{@code
 * boolean failed = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
 * }</pre>
 */
public enum Severity {
    /** Breaks, leaks or silently misconfigures something: exit code 1. */
    ERROR("error"),
    /** Works today but is one of the field guide's traps. */
    WARNING("warning"),
    /** Worth knowing; never wrong to leave as is. */
    INFO("note");

    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    /** The word printed in text output: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SARIF 2.1.0 {@code level}. */
    public String sarifLevel() {
        return sarifLevel;
    }
}
