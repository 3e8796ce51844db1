package dev.infisicalpro.cli;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.InfisicalException;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * What every command shares: UTF-8 standard streams, quiet library logging (warnings are printed by
 * the commands through the client's warning sink), and the mapping of exceptions to a one-line
 * message and an exit code.
 *
 * <pre>{@code
 * Cli.stdout().println(value);            // UTF-8 whatever the locale
 * Cli.warn("plain http to a remote host"); // "infisical-pro: warning: ..." on stderr
 * }</pre>
 */
public final class Cli {

    // Explicit UTF-8: with no locale (systemd, OpenClaw) the JVM's default for System.out is ASCII.
    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);
    private static final PrintStream ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private Cli() {
    }

    /** Standard output, UTF-8. */
    public static PrintStream stdout() {
        return OUT;
    }

    /** Standard error, UTF-8. */
    public static PrintStream stderr() {
        return ERR;
    }

    /** One warning line on stderr (callers pass text without secret material). */
    public static void warn(String message) {
        ERR.println("infisical-pro: warning: " + message);
    }

    /** One error line on stderr (callers pass text without secret material). */
    public static void error(String message) {
        ERR.println("infisical-pro: " + message);
    }

    /**
     * The library logs through {@code System.Logger} (java.util.logging by default, which prints to
     * stderr); the commands print the client's warnings themselves, so JUL stays silent below SEVERE.
     */
    static void quietLogging() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }

    /** Exit code for an exception thrown by a command. */
    public static int exitCode(Throwable e) {
        if (e instanceof ValidationException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    /** Execution exception handler: the library's messages carry no secret material, so they are printed. */
    static int handleException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (e instanceof InfisicalException ie) {
            error(ie.getMessage());
            return exitCode(ie);
        }
        if (e instanceof CliException ce) {
            error(ce.getMessage());
            return ce.exitCode();
        }
        // Not ours: the type only, never a message that might quote input.
        error("unexpected " + e.getClass().getName() + (e.getStackTrace().length > 0
                ? " at " + e.getStackTrace()[0] : ""));
        return ExitCodes.FAILURE;
    }
}
