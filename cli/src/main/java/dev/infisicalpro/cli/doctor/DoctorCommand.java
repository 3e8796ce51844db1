package dev.infisicalpro.cli.doctor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.cli.Cli;
import dev.infisicalpro.cli.ConnectionOptions;
import dev.infisicalpro.cli.ExitCodes;
import dev.infisicalpro.config.InfisicalSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code infisical-pro doctor}: asks the live server, with the same settings as every command, whether
 * they work, and prints one PASS/WARN/FAIL/SKIP line per check with the fix.
 *
 * <pre>{@code
 * infisical-pro doctor --host-api https://infisical.example.com/api --env prod --path /app
 * infisical-pro doctor --config /etc/infisical-pro/app.properties --json
 * }</pre>
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the settings against the live server, in order: 1 host (API root, TLS), 2 auth "
                + "(one method, credentials folder key names, login and which 401 cause fits), 3 project, 4 environment "
                + "and folders, 5 service-token scope (the / vs /** trap), 6 imports, 7 rate-limit headroom and "
                + "clock skew. Checks that cannot run after a failure are SKIP.",
                "Takes the same settings as every command (flags, --config, environment, credentials folders)."},
        footer = "%nExit codes: 0 no FAIL (WARN allowed), 1 at least one FAIL, 2 usage.")
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "one JSON object on stdout instead of lines")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "deadline of each request, in seconds (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() {
        List<Doctor.Check> checks = doctor(System.getenv(), Clock.systemUTC()).run();
        Cli.stdout().print(json ? json(checks) : text(checks));
        Cli.stdout().flush();
        return failed(checks) ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** The doctor for these options over {@code environment} (tests pass their own). */
    Doctor doctor(Map<String, String> environment, Clock clock) {
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        return new Doctor(new Doctor.Setup() {
            @Override
            public InfisicalSettings hostSettings() {
                // the shared resolution with credentials switched off: the host is checked even when they are wrong
                Map<String, String> env = new HashMap<>(environment);
                env.put(InfisicalSettings.environmentName(InfisicalSettings.ENABLED), "false");
                return connection.settings(env);
            }

            @Override
            public InfisicalSettings settings() {
                return connection.settings(environment);
            }

            @Override
            public InfisicalClient client(InfisicalSettings settings) {
                return connection.newClient(settings, timeout);
            }
        }, clock, timeout);
    }

    static boolean failed(List<Doctor.Check> checks) {
        return checks.stream().anyMatch(c -> c.status() == Doctor.Status.FAIL);
    }

    /** {@code PASS  1 host        message}, then indented details and the fix. */
    static String text(List<Doctor.Check> checks) {
        StringBuilder sb = new StringBuilder();
        for (Doctor.Check c : checks) {
            sb.append(String.format("%-4s  %d %-16s %s%n", c.status(), c.number(), c.name(), c.message()));
            for (String d : c.details()) {
                sb.append("        ").append(d).append(System.lineSeparator());
            }
            if (!c.fix().isEmpty()) {
                sb.append("        fix: ").append(c.fix()).append(System.lineSeparator());
            }
        }
        long fails = checks.stream().filter(c -> c.status() == Doctor.Status.FAIL).count();
        long warns = checks.stream().filter(c -> c.status() == Doctor.Status.WARN).count();
        sb.append(fails == 0 && warns == 0 ? "all checks passed" : fails + " failed, " + warns + " with warnings")
                .append(System.lineSeparator());
        return sb.toString();
    }

    /** {@code {"ok": bool, "checks": [{"number", "name", "status", "message", "fix", "details"}]}}. */
    static String json(List<Doctor.Check> checks) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeBooleanField("ok", !failed(checks));
            g.writeArrayFieldStart("checks");
            for (Doctor.Check c : checks) {
                g.writeStartObject();
                g.writeNumberField("number", c.number());
                g.writeStringField("name", c.name());
                g.writeStringField("status", c.status().name());
                g.writeStringField("message", c.message());
                g.writeStringField("fix", c.fix());
                g.writeArrayFieldStart("details");
                for (String d : c.details()) {
                    g.writeString(d);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + System.lineSeparator();
    }
}
