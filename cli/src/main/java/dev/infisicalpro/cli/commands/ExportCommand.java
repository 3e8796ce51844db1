package dev.infisicalpro.cli.commands;

import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.ConnectionOptions;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.cli.Formats;
import dev.infisicalpro.cli.SecretFiles;
import dev.infisicalpro.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code infisical-pro export}: the configured folders' secrets as a file or on stdout.
 *
 * <pre>{@code
 * infisical-pro export --env prod --path /app --format dotenv-export --output /run/app/env.sh
 * }</pre>
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print or write the secrets of the configured folders (merged in --path order, later wins).",
        footer = "%nExit codes: 0 ok, 1 failure, 2 usage or configuration error.")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dotenv",
            description = "dotenv (default), dotenv-export (sh: . file), json, yaml, properties")
    String format;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE",
            description = "write FILE instead of stdout: created 0600, replaced atomically")
    Path output;

    @Override
    public Integer call() {
        Map<String, String> values;
        try (Session session = Session.open(connection)) {
            SecretSnapshot snapshot = session.loadOnce();
            values = new LinkedHashMap<>(snapshot.values());
        }
        String text = Formats.render(format, values);
        if (output == null) {
            Cli.stdout().print(text);
            Cli.stdout().flush();
        } else {
            SecretFiles.writeAtomically(output, text);
            Cli.stderr().println("infisical-pro: wrote " + values.size() + " secrets to " + output.toAbsolutePath());
        }
        return ExitCodes.OK;
    }
}
