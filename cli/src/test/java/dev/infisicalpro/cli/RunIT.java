package dev.infisicalpro.cli;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run}: environment, exit codes, signals, --watch restarts, and a parent that prints no secret. */
class RunIT {

    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    @TempDir
    Path dir;
    private FakeInfisical fake;
    private FakeProject project;
    private UniversalAuthCredentials identity;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void seed() {
        fake = FakeInfisical.start();
        project = fake.createProject("run");
        project.putSecret("dev", "/app", "DB_PASSWORD", "pw-canary-1");
        project.putSecret("dev", "/app", "API_KEY", "api-canary");
        project.putSecret("dev", "/app", "UNICODE", "grüße-✓");
        identity = project.createUniversalAuthIdentity("run", Role.VIEWER, Duration.ofHours(1), Duration.ofHours(2));
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        fake.close();
    }

    /** systemd style: the token comes from $CREDENTIALS_DIRECTORY, nothing else but PATH in the environment. */
    private CliProcess run(String... args) {
        Path creds = dir.resolve("credentials");
        if (!Files.exists(creds)) {
            try {
                Files.createDirectory(creds);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Fixtures.privateFile(creds.resolve("clientId"), identity.clientId());
            Fixtures.privateFile(creds.resolve("clientSecret"), identity.clientSecret());
        }
        List<String> all = new ArrayList<>(List.of("run", "--host-api", fake.apiUrl(), "--project-id", project.id(),
                "--env", "dev", "--path", "/app"));
        all.addAll(Arrays.asList(args));
        return CliProcess.of(all.toArray(String[]::new)).env("PATH", PATH).env("CREDENTIALS_DIRECTORY", creds.toString());
    }

    @Test
    void theCommandGetsTheSecretsAndItsExitCodeIsPassedThrough() {
        CliProcess.Result r = run("--", "/bin/sh", "-c", "printf '%s|%s|%s' \"$DB_PASSWORD\" \"$UNICODE\" \"$LC_CTYPE\"; exit 42")
                .run();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(42);
        assertThat(r.stdout()).as("the child's output only, non-ASCII intact, no launcher locale leaked")
                .isEqualTo("pw-canary-1|grüße-✓|");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void prefixAndOnlySelectTheVariables() {
        CliProcess.Result r = run("--prefix", "APP_", "--only", "API_KEY", "--", "/bin/sh", "-c",
                "printf '%s|%s|%s' \"$APP_API_KEY\" \"$APP_DB_PASSWORD\" \"$DB_PASSWORD\"").run();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("api-canary||");

        CliProcess.Result missing = run("--only", "NOPE", "--", "/bin/true").run();
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.stderr()).contains("NOPE");
    }

    /** The command gets its secrets, not the credential that reads all of them (unless asked). */
    @Test
    void theCallersCredentialsDoNotReachTheCommandUnlessAsked() {
        String show = "printf '%s|%s|%s' \"${INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET-unset}\" "
                + "\"${INFISICAL_UNIVERSAL_AUTH_CLIENT_ID-unset}\" \"$API_KEY\"";
        List<String> base = List.of("run", "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "dev",
                "--path", "/app");
        List<String> stripped = new ArrayList<>(base);
        stripped.addAll(List.of("--", "/bin/sh", "-c", show));
        CliProcess.Result r = CliProcess.of(stripped.toArray(String[]::new)).env("PATH", PATH)
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", identity.clientId())
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", identity.clientSecret()).run();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("secret removed; the id (not a credential on its own) kept")
                .isEqualTo("unset|" + identity.clientId() + "|api-canary");

        List<String> passed = new ArrayList<>(base);
        passed.addAll(List.of("--pass-credentials", "--", "/bin/sh", "-c", show));
        CliProcess.Result p = CliProcess.of(passed.toArray(String[]::new)).env("PATH", PATH)
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", identity.clientId())
                .env("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", identity.clientSecret()).run();
        assertThat(p.exitCode()).as(p.toString()).isZero();
        assertThat(p.stdout()).isEqualTo(identity.clientSecret() + "|" + identity.clientId() + "|api-canary");
    }

    @Test
    void aCommandThatCannotStartIsAFailureWithoutSecretsInTheMessage() {
        CliProcess.Result r = run("--", "/nonexistent/binary").run();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.stderr()).contains("/nonexistent/binary").doesNotContain("canary");
    }

    @Test
    void termIsForwardedAndTheCommandsExitCodeComesBack() throws Exception {
        Process p = run("--", "/bin/sh", "-c", "trap 'echo got-term; exit 7' TERM; echo ready; "
                + "while :; do sleep 0.1; done").start();
        started.add(p);
        BlockingQueue<String> lines = lines(p);
        assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("ready");

        // SIGTERM to infisical-pro (the launcher exec'd the JVM: same process); Process.destroy() would
        // also close our end of its stdout
        p.toHandle().destroy();

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("got-term");
        assertThat(p.exitValue()).isEqualTo(7);
    }

    @Test
    void watchRestartsTheCommandWhenAValueRotates() throws Exception {
        Process p = run("--watch", "--watch-interval", "1s", "--grace", "2s", "--", "/bin/sh", "-c",
                "echo \"start $DB_PASSWORD\"; trap 'exit 0' TERM; while :; do sleep 0.1; done").start();
        started.add(p);
        BlockingQueue<String> lines = lines(p);
        java.util.concurrent.CompletableFuture<byte[]> stderr = CliProcess.drain(p.getErrorStream());
        assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("start pw-canary-1");

        project.putSecret("dev", "/app", "DB_PASSWORD", "pw-canary-2");

        assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("start pw-canary-2");
        p.toHandle().destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the command's own exit code on TERM").isZero();
        assertThat(new String(stderr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).contains("DB_PASSWORD").contains("restarting").doesNotContain("canary");
    }

    @Test
    void watchKillsACommandThatIgnoresTermAfterTheGracePeriod() throws Exception {
        Process p = run("--watch", "--watch-interval", "1s", "--grace", "1s", "--", "/bin/sh", "-c",
                "trap '' TERM; echo \"start $API_KEY\"; while :; do sleep 0.1; done").start();
        started.add(p);
        BlockingQueue<String> lines = lines(p);
        assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("start api-canary");

        project.putSecret("dev", "/app", "API_KEY", "api-canary-2");

        assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("start api-canary-2");
        p.destroyForcibly();
    }

    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    q.add(line);
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return q;
    }
}
