package dev.infisicalpro.cli.exec;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.CliException;
import dev.infisicalpro.cli.ConnectionOptions;
import dev.infisicalpro.cli.DurationConverter;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.cli.ProcessAge;
import dev.infisicalpro.cli.StdinText;
import dev.infisicalpro.config.InfisicalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code infisical-pro exec-provider}: OpenClaw's exec secret provider in one process and one list
 * request per distinct (environment, folder).
 *
 * <pre>{@code
 * echo '{"protocolVersion":1,"provider":"infisical","ids":["DB_PASSWORD","prod:/app/API_KEY"]}' \
 *   | infisical-pro exec-provider --config /etc/infisical-pro/openclaw.properties
 * }</pre>
 *
 * <p>Stdout carries exactly one JSON object and nothing else; stderr never carries a value. The
 * whole call, JVM start included, ends within {@code --timeout} (default 4 s, below OpenClaw's 5 s
 * default {@code timeoutMs}); ids still unanswered then get a deadline error.
 */
@Command(name = "exec-provider", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"OpenClaw exec secret provider. Reads {\"protocolVersion\":1,\"provider\":\"…\",\"ids\":[…]} "
                + "on stdin, writes {\"protocolVersion\":1,\"values\":{…},\"errors\":{…}} on stdout.",
                "Ids: KEY (the configured --env and --path), /app/KEY or app/KEY (a folder), prod:/app/KEY "
                + "(an environment too). One list request per distinct environment and folder."},
        footer = {"%nExit codes: 0 an answer for every id was written (values and per-id errors; OpenClaw drops the "
                + "answer of a provider that exits non-zero), 1 no id could be looked up (authentication, network, "
                + "server, deadline), 2 the request or the configuration is unusable. In every case stdout holds one "
                + "protocol JSON object."})
public final class ExecProviderCommand implements Callable<Integer> {

    /** Largest request read (OpenClaw's own batch limit is 256 KiB). */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** Time kept back from the deadline for writing the answer and leaving the JVM. */
    private static final Duration EXIT_MARGIN = Duration.ofMillis(150);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "4s", converter = DurationConverter.class,
            description = "total time from process start, JVM start included (default ${DEFAULT-VALUE}; keep it below "
                    + "the provider's timeoutMs in openclaw.json, 5000 by default)")
    Duration timeout;

    /** Per-id outcomes as they become known (the worker fills it; the deadline may cut it short). */
    private final Map<String, BatchResolver.Outcome> outcomes = new ConcurrentHashMap<>();
    private volatile List<String> requestIds = List.of();
    private volatile String protocolError;

    @Override
    public Integer call() {
        Instant deadline = Instant.now().plus(timeout).minus(ProcessAge.elapsed()).minus(EXIT_MARGIN);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "infisical-pro-exec");
            t.setDaemon(true);
            return t;
        });
        Future<?> work = pool.submit(() -> work(deadline, pool));
        boolean timedOut = false;
        try {
            work.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timedOut = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timedOut = true;
        } catch (ExecutionException e) {
            // work() catches what it expects; anything else is answered as a shared failure below
            protocolError = protocolError != null ? protocolError
                    : "unexpected " + e.getCause().getClass().getSimpleName();
        }
        return answer(timedOut);
    }

    private void work(Instant deadline, ExecutorService pool) {
        ExecProtocol.Request request;
        try {
            request = ExecProtocol.parse(readStdin());
        } catch (ExecProtocol.ProtocolError e) {
            requestIds = e.ids();
            protocolError = e.getMessage();
            return;
        }
        requestIds = request.ids();
        Map<String, SecretId> valid = new LinkedHashMap<>();
        for (String raw : request.ids()) {
            try {
                valid.put(raw, SecretId.parse(raw));
            } catch (IllegalArgumentException e) {
                outcomes.put(raw, new BatchResolver.IdError(e.getMessage()));
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        InfisicalSettings settings;
        InfisicalClient client;
        try {
            settings = connection.settings();
            client = connection.newClient(settings, Duration.between(Instant.now(), deadline));
        } catch (InfisicalException e) {
            valid.keySet().forEach(id -> outcomes.put(id, new BatchResolver.SharedError(e.getMessage(), Optional.of(e))));
            return;
        } catch (CliException e) {
            valid.keySet().forEach(id -> outcomes.put(id, new BatchResolver.SharedError(e.getMessage(),
                    Optional.empty())));
            return;
        }
        // Each id names its folder: sub-folders are never searched.
        List<SecretPath> paths = settings.secretsPaths();
        BatchResolver resolver = new BatchResolver(client, settings.project(),
                () -> settings.query(client).environment(), paths, settings.listOptions().withRecursive(false), pool);
        resolver.resolve(List.copyOf(valid.values()), outcomes::put);
        client.close();
    }

    private static String readStdin() throws ExecProtocol.ProtocolError {
        try {
            return StdinText.read(System.in, MAX_REQUEST_BYTES, "the request");
        } catch (StdinText.Refused e) {
            throw new ExecProtocol.ProtocolError(e.getMessage(), List.of());
        }
    }

    /** Writes the one JSON answer and returns the exit code. */
    private int answer(boolean timedOut) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        boolean shared = false;
        int sharedExit = ExitCodes.FAILURE;
        String deadlineMessage = "no answer within the " + timeout.toMillis() + " ms deadline (--timeout)";
        String topLevel = protocolError;
        if (timedOut && topLevel == null && requestIds.isEmpty()) {
            topLevel = "no complete request on stdin within the " + timeout.toMillis() + " ms deadline";
        }
        for (String id : requestIds) {
            BatchResolver.Outcome o = outcomes.get(id);
            if (topLevel != null) {
                errors.put(id, topLevel);
            } else if (o instanceof BatchResolver.Value v) {
                values.put(id, v.value());
            } else if (o instanceof BatchResolver.IdError e) {
                errors.put(id, e.message());
            } else if (o instanceof BatchResolver.SharedError e) {
                errors.put(id, e.message());
                shared = true;
                sharedExit = e.cause().map(Cli::exitCode).orElse(ExitCodes.USAGE);
            } else {
                errors.put(id, deadlineMessage);
                shared = true;
            }
        }
        Cli.stdout().println(ExecProtocol.answer(values, errors, topLevel));
        Cli.stdout().flush();
        if (topLevel != null) {
            Cli.error("exec-provider: " + topLevel);
            return ExitCodes.USAGE;
        }
        if (!errors.isEmpty()) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            Cli.error("exec-provider: " + values.size() + " of " + requestIds.size() + " ids resolved; first error: "
                    + first.getKey() + ": " + first.getValue());
        }
        return shared && values.isEmpty() ? sharedExit : ExitCodes.OK;
    }
}
