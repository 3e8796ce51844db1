package dev.infisicalpro.cli.commands;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.SecretChange;
import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.CliException;
import dev.infisicalpro.cli.ConnectionOptions;
import dev.infisicalpro.cli.DurationConverter;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.cli.Session;
import dev.infisicalpro.config.InfisicalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code infisical-pro run [--watch] -- command args...}: starts the command with the secrets as
 * environment variables; its stdin, stdout and stderr are this process's; TERM, INT and HUP are
 * forwarded; its exit code is this command's. This process's own Infisical credentials
 * ({@code INFISICAL_TOKEN}, the client secret) are removed from the command's environment unless
 * {@code --pass-credentials} is given. With {@code --watch}, a live view refreshes in the
 * background and a change restarts the command (TERM, {@code --grace}, then KILL).
 *
 * <pre>{@code
 * infisical-pro run --env prod --path /app -- /usr/bin/myapp --port 8080
 * infisical-pro run --watch --watch-interval 30s --only DB_PASSWORD,API_KEY -- ./worker
 * }</pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a command with the secrets as environment variables (names as stored).",
                "stdin/stdout/stderr are inherited, TERM/INT/HUP forwarded, the exit code passed through; "
                        + "this command prints nothing but key names and errors, on stderr."},
        footer = "%nExit codes: the command's own; 1 when secrets cannot be loaded or the command cannot start, "
                + "2 usage or configuration error; 128+N when the command died of signal N.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "prepend PREFIX to every variable name")
    String prefix;

    @Option(names = "--only", paramLabel = "KEY", split = ",", description = "pass only these keys (comma-separated)")
    List<String> only;

    @Option(names = "--watch", description = "restart the command when a (passed) secret changes")
    boolean watch;

    @Option(names = "--watch-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how often --watch asks the server (default: infisical.resync-interval, 60s)")
    Duration watchInterval;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "time between TERM and KILL when --watch restarts the command (default ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--pass-credentials",
            description = "also pass this process's own Infisical credentials (INFISICAL_TOKEN, client secret) "
                    + "on to the command; by default they are removed from its environment")
    boolean passCredentials;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command and its arguments (after --)")
    List<String> command;

    /** The environment forms of every credential setting, contract names and Infisical's own. */
    static final List<String> CREDENTIAL_VARIABLES = List.of("INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
            InfisicalSettings.environmentName(InfisicalSettings.AUTH_SERVICE_TOKEN),
            InfisicalSettings.environmentName(InfisicalSettings.AUTH_ACCESS_TOKEN),
            InfisicalSettings.environmentName(InfisicalSettings.AUTH_CLIENT_SECRET));

    private final Object lock = new Object();
    /** Guards {@link #child} against a signal that arrives while the command is being started. */
    private final Object childLock = new Object();
    private volatile Process child;
    private final AtomicBoolean restarting = new AtomicBoolean();
    private volatile boolean stopping;

    @Override
    public Integer call() throws InterruptedException {
        try (Session session = Session.open(connection)) {
            if (!watch) {
                Map<String, String> values = select(session.loadOnce().values());
                installSignalForwarding();
                return waitFor(start(values));
            }
            Duration interval = watchInterval != null ? watchInterval : session.settings().resyncInterval();
            if (interval.isZero()) {
                throw new CliException(ExitCodes.USAGE, "--watch needs a refresh interval above 0 (--watch-interval)");
            }
            try (LiveSecrets live = session.live(interval)) {
                Map<String, String> first = select(live.snapshot().values());
                live.addListener(change -> onChange(live, change));
                installSignalForwarding();
                Process p = start(first);
                while (true) {
                    int code = waitFor(p);
                    if (stopping || !restarting.get()) {
                        return code;
                    }
                    synchronized (lock) {
                        p = start(select(live.snapshot().values()));
                        restarting.set(false);
                    }
                }
            }
        }
    }

    /** The variables to pass: prefix applied, --only honoured (a missing --only key is an error). */
    private Map<String, String> select(Map<String, String> secrets) {
        Map<String, String> out = new LinkedHashMap<>();
        if (only != null && !only.isEmpty()) {
            Set<String> missing = new TreeSet<>();
            for (String key : new LinkedHashSet<>(only)) {
                String v = secrets.get(key);
                if (v == null) {
                    missing.add(key);
                } else {
                    out.put(prefix + key, v);
                }
            }
            if (!missing.isEmpty()) {
                throw new CliException(ExitCodes.FAILURE, "--only names keys that are not there: " + missing);
            }
            return out;
        }
        secrets.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private Process start(Map<String, String> variables) {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = pb.environment();
        if (env.remove("INFISICAL_PRO_LOCALE_ADDED") != null) {
            env.remove("LC_CTYPE"); // the launcher's, not the user's
        }
        if (!passCredentials) {
            // The command gets its secrets, not the key to all of them: a token left in its environment
            // shows in /proc/<pid>/environ, crash reports and child processes it starts.
            CREDENTIAL_VARIABLES.forEach(env::remove);
        }
        env.putAll(variables); // a stored secret of the same name still reaches the command
        try {
            synchronized (childLock) {
                Process p = pb.start();
                child = p;
                if (stopping) {
                    p.destroy(); // a TERM came while it was starting
                }
                return p;
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot start " + command.get(0) + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static int waitFor(Process p) throws InterruptedException {
        return p.waitFor();
    }

    /** A change of a passed key restarts the command; the refresh thread is not held up. */
    private void onChange(LiveSecrets live, SecretChange change) {
        Set<String> keys = new TreeSet<>(change.allKeys());
        if (only != null && !only.isEmpty()) {
            keys.retainAll(only);
        }
        if (keys.isEmpty() || stopping) {
            return;
        }
        Cli.stderr().println("infisical-pro: secrets changed (" + String.join(", ", keys) + "); restarting "
                + command.get(0));
        synchronized (lock) {
            Process p = child;
            restarting.set(true);
            terminate(p);
        }
    }

    /** TERM, wait for the grace period, then KILL. */
    private void terminate(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                Cli.stderr().println("infisical-pro: " + command.get(0) + " did not stop within " + grace.toMillis()
                        + " ms of TERM; sending KILL");
                p.destroyForcibly();
                p.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /**
     * TERM, INT and HUP go to the command instead of ending this JVM (which then ends with the
     * command's exit code). Java can send only TERM and KILL itself; INT and HUP go through kill(1)
     * when it is installed, else as TERM.
     */
    @SuppressWarnings("removal")
    private void installSignalForwarding() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> forward(name));
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal here (e.g. -Xrs): it keeps its default meaning
            }
        }
    }

    private void forward(String signal) {
        Process p;
        synchronized (childLock) {
            if (signal.equals("TERM")) {
                stopping = true;
            }
            p = child;
        }
        if (p == null || !p.isAlive()) {
            return; // not started yet: start() delivers a TERM itself
        }
        if (signal.equals("TERM")) {
            p.destroy();
            return;
        }
        for (String kill : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(kill))) {
                try {
                    new ProcessBuilder(kill, "-s", signal, Long.toString(p.pid())).start().waitFor(2, TimeUnit.SECONDS);
                    return;
                } catch (IOException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        stopping = true;
        p.destroy();
    }
}
