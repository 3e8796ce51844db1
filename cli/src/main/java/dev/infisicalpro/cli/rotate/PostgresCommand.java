package dev.infisicalpro.cli.rotate;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.CliException;
import dev.infisicalpro.cli.ConnectionOptions;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.rotation.OnWriteFailure;
import dev.infisicalpro.rotation.PostgresRotation;
import dev.infisicalpro.rotation.RotationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code infisical-pro rotate postgres}: a new password for a PostgreSQL role, changed in the database
 * first (hashed client-side with SCRAM-SHA-256), proven by a fresh login, then written to Infisical.
 * Progress goes to stderr, one summary line to stdout; no password is ever printed.
 *
 * <pre>{@code
 * INFISICAL_TOKEN=... infisical-pro rotate postgres --jdbc-url jdbc:postgresql://db:5432/app --role app \
 *     --env prod --path /app --key DB_PASSWORD --keep-new-password-in /root/app-db.pw
 * }</pre>
 */
@Command(name = "postgres", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rotate a PostgreSQL role's password stored in Infisical: ALTER ROLE first (client-side SCRAM), "
                + "a login with the new password, then the Infisical write. The role logs in as itself with the "
                + "password Infisical holds now.",
        footer = "%nIf the Infisical write fails after retries, the database is changed back (default) or the new "
                + "password is kept in the --keep-new-password-in file (mode 0600); the message says which.%n"
                + "Exit codes: 0 rotated, 1 not rotated (the message says what each side holds), 2 usage.")
public final class PostgresCommand implements Callable<Integer> {

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL", order = 1,
            description = "the database, e.g. jdbc:postgresql://db:5432/app")
    String jdbcUrl;

    @Option(names = "--role", required = true, paramLabel = "NAME", order = 2,
            description = "the PostgreSQL role (user) whose password changes")
    String role;

    @Option(names = "--key", defaultValue = "DB_PASSWORD", paramLabel = "KEY", order = 3,
            description = "the secret holding the password (default ${DEFAULT-VALUE}); --path names its folder")
    String key;

    @Option(names = "--previous-key", paramLabel = "KEY", order = 4,
            description = "also write the previous password to this key after a successful rotation")
    String previousKey;

    @Option(names = "--keep-new-password-in", paramLabel = "FILE", order = 5,
            description = "if Infisical cannot be written: keep the new password in FILE (0600) instead of "
                    + "changing the database back")
    Path keepFile;

    @Option(names = "--length", defaultValue = "40", paramLabel = "N", order = 6,
            description = "password length, 32..48 (default ${DEFAULT-VALUE})")
    int length;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        InfisicalSettings settings = connection.settings();
        try (InfisicalClient client = connection.newClient(settings)) {
            SecretQuery query = settings.query(client);
            if (query.paths().size() != 1) {
                throw new CliException(ExitCodes.USAGE, "rotate postgres writes one secret: give one --path, not "
                        + query.paths().size());
            }
            Scope scope = query.scope(query.paths().get(0));
            PostgresRotation.Builder rotation;
            try {
                rotation = PostgresRotation.builder(client, scope, key)
                        .jdbcUrl(jdbcUrl).role(role).passwordLength(length)
                        .onStep(step -> Cli.stderr().println("infisical-pro: rotate: " + describe(step)));
                if (previousKey != null) {
                    rotation.previousValueKey(previousKey);
                }
            } catch (IllegalArgumentException e) {
                // the builder refuses an argument out of range (e.g. --length 20); its message names the rule
                throw new CliException(ExitCodes.USAGE, "rotate postgres: " + e.getMessage());
            }
            if (keepFile != null) {
                rotation.onWriteFailure(OnWriteFailure.keepNewPasswordIn(keepFile));
            }
            RotationResult result = rotation.build().rotate();
            Cli.stdout().println("rotated the password of role " + result.role() + ": PostgreSQL and " + result.key()
                    + " in " + scope + " hold the new password (" + result.writeAttempts()
                    + (result.writeAttempts() == 1 ? " write" : " writes") + ")"
                    + result.previousValueKey().map(k -> "; previous one in " + k).orElse(""));
            return ExitCodes.OK;
        }
    }

    private static String describe(dev.infisicalpro.rotation.RotationStep step) {
        return switch (step) {
            case DATABASE_CHANGED -> "PostgreSQL has the new password (open sessions keep working)";
            case LOGIN_VERIFIED -> "a fresh login with the new password works";
            case INFISICAL_WRITTEN -> "Infisical has the new password";
            case PREVIOUS_VALUE_WRITTEN -> "the previous password is in the previous-value key";
        };
    }
}
