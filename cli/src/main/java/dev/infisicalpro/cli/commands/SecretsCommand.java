package dev.infisicalpro.cli.commands;

import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.NewSecret;
import dev.infisicalpro.Scope;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.SecretUpdate;
import dev.infisicalpro.WriteOptions;
import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.CliException;
import dev.infisicalpro.cli.ConnectionOptions;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.cli.Formats;
import dev.infisicalpro.cli.SecretGenerator;
import dev.infisicalpro.cli.Session;
import dev.infisicalpro.cli.StdinText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code infisical-pro secrets get|list|set|delete}.
 *
 * <pre>{@code
 * infisical-pro secrets get DB_PASSWORD --plain --env prod --path /app
 * infisical-pro secrets set API_KEY=k-1 --path /apps/new --create-folders
 * infisical-pro secrets set DB_PASSWORD --generate 40
 * printf '%s' "$VALUE" | infisical-pro secrets set API_KEY --stdin
 * }</pre>
 */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Read and write secrets.",
        subcommands = {SecretsCommand.Get.class, SecretsCommand.ListSecrets.class, SecretsCommand.Set.class,
                SecretsCommand.Delete.class},
        footer = "%nExit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 partial (some keys failed).")
public final class SecretsCommand {

    private static final String FOOTER = "%nExit codes: 0 ok, 1 failure, 2 usage or configuration error, "
            + "3 partial (some keys failed).";

    /** 0 when all worked, 1 when none did, 3 otherwise. */
    static int outcome(int ok, int failed) {
        return failed == 0 ? ExitCodes.OK : ok == 0 ? ExitCodes.FAILURE : ExitCodes.PARTIAL;
    }

    /** {@code secrets get KEY... [--plain]}. */
    @Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false, footer = FOOTER,
            description = "Print secrets: KEY='value' lines (dotenv quoting), or with --plain the bare values, one per line.")
    static final class Get implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "KEY", arity = "1..*", description = "secret names")
        List<String> keys;

        @Option(names = "--plain", description = "print only the values")
        boolean plain;

        @Override
        public Integer call() {
            int ok = 0;
            int failed = 0;
            try (Session session = Session.open(connection)) {
                List<Scope> scopes = session.query().paths().stream().map(session::scope).toList();
                for (String key : keys) {
                    Optional<Secret> found = Optional.empty();
                    for (int i = scopes.size() - 1; i >= 0 && found.isEmpty(); i--) {
                        found = session.client().secrets().find(scopes.get(i), key); // later folder wins
                    }
                    if (found.isPresent()) {
                        String v = found.get().value();
                        Cli.stdout().println(plain ? v : key + "=" + Formats.dotenvQuote(v));
                        ok++;
                    } else {
                        Cli.error(key + " not found in " + scopes.get(0).environment() + ":"
                                + session.query().paths());
                        failed++;
                    }
                }
            }
            return outcome(ok, failed);
        }
    }

    /** {@code secrets list [--values]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false, footer = FOOTER,
            description = "List the keys of the configured folders (merged, later wins); --values adds KEY='value'.")
    static final class ListSecrets implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--values", description = "also print the values (dotenv quoting)")
        boolean values;

        @Override
        public Integer call() {
            try (Session session = Session.open(connection)) {
                SecretSnapshot snapshot = session.loadOnce();
                if (values) {
                    Cli.stdout().print(Formats.render("dotenv", snapshot.values()));
                } else {
                    snapshot.secrets().keySet().forEach(Cli.stdout()::println);
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code secrets set KEY=VALUE... | KEY --generate N | KEY --stdin}. */
    @Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false, footer = FOOTER,
            description = {"Create or update secrets in the one configured folder.",
                    "Values given as KEY=VALUE are visible to other users in ps: prefer KEY --stdin (the value "
                            + "read from stdin, one trailing newline dropped) or --generate N, which creates a strong "
                            + "value that is never printed unless --print-generated is given."})
    static final class Set implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "KEY=VALUE", arity = "1..*", description = "KEY=VALUE pairs, or KEY with --generate")
        List<String> assignments;

        @Option(names = "--create-folders", description = "create the folder and its parents first if missing")
        boolean createFolders;

        @Option(names = "--generate", paramLabel = "N", description = "generate a random value of N (32..64) characters")
        Integer generate;

        @Option(names = "--charset", paramLabel = "NAME", defaultValue = "alnum",
                description = "character set of --generate: alnum (default), hex, base64url, symbols")
        String charset;

        @Option(names = "--print-generated", description = "print generated values as KEY='value'")
        boolean printGenerated;

        @Option(names = "--stdin", description = "read the value of the one KEY from stdin (at most 64 KiB, UTF-8; "
                + "one trailing newline is dropped), so it never appears in ps or shell history")
        boolean stdin;

        /** Far above any credential; a bound so a mistaken pipe (a log, /dev/zero) fails instead of filling memory. */
        static final int MAX_STDIN_BYTES = 64 * 1024;

        @Override
        public Integer call() {
            Map<String, String> pairs = stdin ? fromStdin() : new LinkedHashMap<>();
            for (String a : stdin ? List.<String>of() : assignments) {
                int eq = a.indexOf('=');
                if (eq == 0) {
                    throw new CliException(ExitCodes.USAGE, "an assignment starts with '=': name the key first");
                }
                if (eq > 0) {
                    if (generate != null) {
                        throw new CliException(ExitCodes.USAGE, "--generate sets generated values: give KEY without =VALUE");
                    }
                    pairs.put(a.substring(0, eq), a.substring(eq + 1));
                } else if (generate != null) {
                    pairs.put(a, SecretGenerator.generate(generate, SecretGenerator.charset(charset)));
                } else {
                    throw new CliException(ExitCodes.USAGE, "'" + a + "' has no =VALUE (or use --generate N)");
                }
            }
            int ok = 0;
            int failed = 0;
            try (Session session = Session.open(connection)) {
                Scope scope = session.singleScope("secrets set");
                WriteOptions options = createFolders ? WriteOptions.CREATE_MISSING_FOLDERS : WriteOptions.defaults();
                for (Map.Entry<String, String> e : pairs.entrySet()) {
                    try {
                        Secret s = upsert(session, scope, e.getKey(), e.getValue(), options);
                        Cli.stderr().println("infisical-pro: set " + e.getKey() + " in " + session.where(scope)
                                + " (version " + s.version() + ")");
                        if (generate != null && printGenerated) {
                            Cli.stdout().println(e.getKey() + "=" + Formats.dotenvQuote(e.getValue()));
                        }
                        ok++;
                    } catch (InfisicalException ex) {
                        Cli.error(e.getKey() + ": " + ex.getMessage());
                        failed++;
                    }
                }
            }
            return outcome(ok, failed);
        }

        private Map<String, String> fromStdin() {
            if (generate != null || assignments.size() != 1 || assignments.get(0).contains("=")) {
                throw new CliException(ExitCodes.USAGE, "--stdin sets one KEY (no =VALUE, no --generate)");
            }
            String value;
            try {
                value = StdinText.read(System.in, MAX_STDIN_BYTES, "the --stdin value");
            } catch (StdinText.Refused e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            } else if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "--stdin read an empty value: nothing was piped in");
            }
            Map<String, String> pairs = new LinkedHashMap<>();
            pairs.put(assignments.get(0), value);
            return pairs;
        }

        /** Updates the folder's own secret, else creates it (an imported value with that name is shadowed). */
        private static Secret upsert(Session session, Scope scope, String key, String value, WriteOptions options) {
            boolean own;
            try {
                own = session.client().secrets().find(scope, key).filter(s -> !s.source().imported()
                        && s.path().equals(scope.path())).isPresent();
            } catch (dev.infisicalpro.NotFoundException e) {
                own = false; // e.g. the folder does not exist yet: create() says so, or creates it
            }
            return own ? session.client().secrets().update(scope, key, SecretUpdate.value(value))
                    : session.client().secrets().create(scope, NewSecret.of(key, value), options);
        }
    }

    /** {@code secrets delete KEY...}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false, footer = FOOTER,
            description = "Delete secrets from the one configured folder.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "KEY", arity = "1..*", description = "secret names")
        List<String> keys;

        @Override
        public Integer call() {
            int ok = 0;
            int failed = 0;
            try (Session session = Session.open(connection)) {
                Scope scope = session.singleScope("secrets delete");
                for (String key : keys) {
                    try {
                        session.client().secrets().delete(scope, key);
                        Cli.stderr().println("infisical-pro: deleted " + key + " from " + session.where(scope));
                        ok++;
                    } catch (InfisicalException e) {
                        Cli.error(key + ": " + e.getMessage());
                        failed++;
                    }
                }
            }
            return outcome(ok, failed);
        }
    }
}
