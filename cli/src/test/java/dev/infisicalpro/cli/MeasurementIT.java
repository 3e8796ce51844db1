package dev.infisicalpro.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the issue asked to measure, against loopback: requests of one exec-provider call for 20 ids in
 * 2 folders versus the field guide's script shape (one CLI process per id), and wall times as ratios to
 * a JVM that only prints its version, all in the same run. Request counts are asserted; times are only
 * reported (target/cli-measurements.txt), never asserted.
 */
class MeasurementIT {

    private static final int RUNS = 5;

    @TempDir
    Path dir;
    private FakeInfisical fake;
    private FakeProject project;
    private UniversalAuthCredentials identity;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void seed() {
        fake = FakeInfisical.start();
        project = fake.createProject("measure");
        for (int i = 0; i < 10; i++) {
            project.putSecret("dev", "/app", "APP_" + i, "v" + i);
            project.putSecret("dev", "/shared", "SHARED_" + i, "s" + i);
            ids.add("app/APP_" + i);
            ids.add("shared/SHARED_" + i);
        }
        identity = project.createUniversalAuthIdentity("m", Role.VIEWER, Duration.ofHours(1), Duration.ofHours(2));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void oneProcessAndThreeRequestsInsteadOfTwentyOfEach() throws Exception {
        Path config = Fixtures.config(dir, "infisical.host-api=" + fake.url(), "infisical.project-id=" + project.id(),
                "infisical.env-slug=dev", "infisical.auth.client-id=" + identity.clientId(),
                "infisical.auth.client-secret=" + identity.clientSecret());
        String request = "{\"protocolVersion\":1,\"provider\":\"infisical\",\"ids\":"
                + new ObjectMapper().writeValueAsString(ids) + "}";
        Supplier<CliProcess> exec = () -> CliProcess.of("exec-provider", "--config", config.toString(), "--timeout", "60s")
                .stdin(request);

        fake.journal().clear();
        CliProcess.Result one = exec.get().run();
        assertThat(one.exitCode()).as(one.toString()).isZero();
        int execLogins = fake.journal().count("POST", "/api/v1/auth/universal-auth/login");
        int execLists = fake.journal().count("GET", "/api/v3/secrets/raw");
        int execTotal = fake.journal().requests().size();
        assertThat(execLogins).isEqualTo(1);
        assertThat(execLists).isEqualTo(2);
        assertThat(execTotal).isEqualTo(3);

        // the field guide's script: one `secrets get KEY --plain` process per id
        fake.journal().clear();
        long scriptStart = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            for (String[] id : List.of(new String[] {"/app", "APP_" + i}, new String[] {"/shared", "SHARED_" + i})) {
                CliProcess.Result r = CliProcess.of("secrets", "get", id[1], "--plain", "--path", id[0], "--config",
                        config.toString()).run();
                assertThat(r.exitCode()).as(r.toString()).isZero();
            }
        }
        long scriptMillis = (System.nanoTime() - scriptStart) / 1_000_000;
        int scriptLogins = fake.journal().count("POST", "/api/v1/auth/universal-auth/login");
        int scriptTotal = fake.journal().requests().size();
        assertThat(scriptLogins).isEqualTo(20);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long javaVersion = median(() -> runRaw(java, "-version"));
        long cliVersion = median(() -> CliProcess.of("--version").run());
        long execCall = median(() -> exec.get().run());

        // AppCDS: a dynamic archive made by one exec-provider run, then used by the launcher's JVM
        Path archive = dir.resolve("infisical-pro.jsa");
        CliProcess.Result dump = exec.get().env("INFISICAL_PRO_JAVA_OPTS", "-XX:ArchiveClassesAtExit=" + archive).run();
        String cds;
        if (dump.exitCode() == 0 && Files.isRegularFile(archive)) {
            long withCds = median(() -> exec.get().env("INFISICAL_PRO_JAVA_OPTS", "-XX:SharedArchiveFile=" + archive).run());
            Path foreign = Files.write(dir.resolve("foreign.jsa"), "not an archive of this JVM".getBytes(StandardCharsets.UTF_8));
            CliProcess.Result bad = exec.get().env("INFISICAL_PRO_JAVA_OPTS", "-XX:SharedArchiveFile=" + foreign).run();
            cds = String.format("exec-provider with a dynamic AppCDS archive: %d ms median (%.2fx the call without); "
                            + "with a foreign archive file: exit %d, stdout still one JSON object: %s",
                    withCds, (double) withCds / execCall, bad.exitCode(), bad.stdout().trim().startsWith("{")
                            && bad.stdout().trim().endsWith("}"));
        } else {
            cds = "AppCDS archive could not be created: exit " + dump.exitCode();
        }

        String report = String.join("\n",
                "exec-provider, 20 ids in 2 folders: 1 process, " + execTotal + " requests (" + execLogins + " login + "
                        + execLists + " lists)",
                "field-guide script shape (20 x secrets get --plain): 20 processes, " + scriptTotal + " requests ("
                        + scriptLogins + " logins), " + scriptMillis + " ms in all",
                String.format("median of %d: java -version %d ms; infisical-pro --version %d ms (%.2fx); "
                                + "exec-provider 20 ids %d ms (%.2fx java -version); script shape %.1fx the exec-provider call",
                        RUNS, javaVersion, cliVersion, (double) cliVersion / javaVersion, execCall,
                        (double) execCall / javaVersion, (double) scriptMillis / execCall),
                cds, "");
        System.out.print(report);
        Files.writeString(Path.of("target", "cli-measurements.txt"), report);
    }

    private static CliProcess.Result runRaw(String... command) {
        try {
            Process p = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            return new CliProcess.Result(p.waitFor(), new String(out, StandardCharsets.UTF_8), "");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long median(Supplier<CliProcess.Result> run) {
        long[] t = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            CliProcess.Result r = run.get();
            t[i] = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exitCode()).as(r.toString()).isZero();
        }
        Arrays.sort(t);
        return t[RUNS / 2];
    }
}
