package dev.infisicalpro.cli;

/**
 * A failure of a command that is not the library's (bad flag combination, unreadable file): printed as
 * one line on stderr, exit code as given. Messages must not contain secret material.
 *
 * <pre>{@code
 * throw new CliException(ExitCodes.USAGE, "--output and --format json need a file name");
 * }</pre>
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure with its exit code. */
    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code to end with. */
    public int exitCode() {
        return exitCode;
    }
}
