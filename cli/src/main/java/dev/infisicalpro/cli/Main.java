package dev.infisicalpro.cli;

import dev.infisicalpro.cli.commands.ExportCommand;
import dev.infisicalpro.cli.commands.FoldersCommand;
import dev.infisicalpro.cli.commands.GenerateCommand;
import dev.infisicalpro.cli.commands.RunCommand;
import dev.infisicalpro.cli.commands.SecretsCommand;
import dev.infisicalpro.cli.exec.ExecProviderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

/**
 * The {@code infisical-pro} command: entry point of the executable {@code cli/target/infisical-pro}.
 *
 * <pre>{@code
 * infisical-pro --version
 * infisical-pro exec-provider --config /etc/infisical-pro/openclaw.properties < request.json
 * infisical-pro run --env prod --path /app -- /usr/bin/myapp
 * }</pre>
 *
 * <p>Subcommands are registered in one place, the {@code subcommands} list below: one line per
 * command, so adding one is a one-line change.
 */
@Command(name = "infisical-pro", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, footer = ExitCodes.HELP_FOOTER,
        description = "Infisical secrets on the command line: an OpenClaw exec provider, run for systemd, export, "
                + "secrets, folders and strong secrets.",
        subcommands = {
                ExecProviderCommand.class,
                RunCommand.class,
                ExportCommand.class,
                SecretsCommand.class,
                FoldersCommand.class,
                GenerateCommand.class,
                dev.infisicalpro.cli.doctor.DoctorCommand.class,
                dev.infisicalpro.cli.lint.LintCommand.class,
                dev.infisicalpro.cli.rotate.RotateCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests that stay in-process). */
    public static int execute(String... args) {
        Cli.quietLogging();
        CommandLine cl = newCommandLine();
        return cl.execute(args);
    }

    /** The configured command line: UTF-8 output, our exception and exit-code mapping. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(Cli.stdout(), true));
        cl.setErr(new PrintWriter(Cli.stderr(), true));
        cl.setExecutionExceptionHandler(Cli::handleException);
        // run's command line is the command's own from its first word on, options included
        cl.getSubcommands().get("run").setStopAtPositional(true);
        return cl;
    }

    @Override
    public void run() {
        // no subcommand: picocli prints the message and the usage, exit code 2
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {"infisical-pro " + p.getProperty("version", "unknown") + " (Java "
                    + Runtime.version() + ", " + System.getProperty("java.vm.name", "") + ")"};
        }
    }
}
