package dev.infisicalpro.cli.commands;

import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.cli.SecretGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code infisical-pro generate}: prints one strong random secret (nothing is sent anywhere).
 *
 * <pre>{@code
 * infisical-pro generate --length 48 --charset alnum
 * }</pre>
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a strong random secret (SecureRandom): 32-64 characters, default 40, for passwords, "
                + "AUTH_SECRET, ENCRYPTION_KEY. To store one without seeing it: secrets set KEY --generate 40.",
        footer = "%nExit codes: 0 ok, 2 usage.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--length", paramLabel = "N", defaultValue = "" + SecretGenerator.DEFAULT_LENGTH,
            description = "characters, 32..64 (default ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "alnum",
            description = "alnum (default), hex, base64url, or symbols (alnum plus !#%%+-.:=@^_~; URLs need some of them encoded)")
    String charset;

    @Override
    public Integer call() {
        String chars = SecretGenerator.charset(charset);
        Cli.stdout().println(SecretGenerator.generate(length, chars));
        return ExitCodes.OK;
    }
}
