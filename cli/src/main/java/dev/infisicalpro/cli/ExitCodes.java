package dev.infisicalpro.cli;

/**
 * The exit codes of every {@code infisical-pro} command (also listed in {@code --help}).
 *
 * <pre>{@code
 * return failed.isEmpty() ? ExitCodes.OK : done.isEmpty() ? ExitCodes.FAILURE : ExitCodes.PARTIAL;
 * }</pre>
 *
 * <p>{@code run} passes its child's exit code through instead. {@code exec-provider} exits 0 whenever it
 * wrote an answer with a value or an error for every id, because OpenClaw discards the answer of a
 * provider that exits non-zero.
 */
public final class ExitCodes {

    /** Everything worked. */
    public static final int OK = 0;
    /** The operation failed (server, network, authentication, permission). */
    public static final int FAILURE = 1;
    /** Bad command line, request or configuration: fix the invocation. */
    public static final int USAGE = 2;
    /** Some items worked and some did not (the output says which). */
    public static final int PARTIAL = 3;

    /** The footer {@code --help} shows. */
    static final String HELP_FOOTER = "%nExit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 partial "
            + "(some items failed). run passes its command's exit code through.";

    private ExitCodes() {
    }
}
