package dev.infisicalpro.cli.rotate;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code infisical-pro rotate}: rotate a credential that applications read from Infisical, in the order
 * that never hands them a value the target does not accept yet. One subcommand per target.
 *
 * <pre>{@code
 * infisical-pro rotate postgres --jdbc-url jdbc:postgresql://db:5432/app --role app --env prod --path /app
 * }</pre>
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Rotate a credential: change it at the target first, prove it works, then write it to Infisical.",
        subcommands = PostgresCommand.class)
public final class RotateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to rotate, e.g. rotate postgres");
    }
}
