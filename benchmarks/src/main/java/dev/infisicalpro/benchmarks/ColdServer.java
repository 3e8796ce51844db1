package dev.infisicalpro.benchmarks;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A FakeInfisical in a process of its own, so that a cold-start measurement (B7, B8) does not find the
 * server's classes (Jackson databind, the JDK HTTP server) already loaded. {@code ColdServer <secrets>}
 * prints one line {@code READY <apiUrl> <clientId> <clientSecret> <projectId> <key>} and serves until its
 * standard input closes.
 */
public final class ColdServer {

    /** Where the cold client goes and what it reads. */
    record Target(String apiUrl, String clientId, String clientSecret, String projectId, String key) {
        @Override
        public String toString() {
            return "Target[" + apiUrl + "]";
        }
    }

    private ColdServer() {
    }

    public static void main(String[] args) throws IOException {
        int secrets = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject project = fake.createProject("cold");
            for (int i = 0; i < secrets; i++) {
                project.putSecret("dev", "/", BenchFixture.key(i), BenchFixture.value(i, 0));
            }
            UniversalAuthCredentials ua = project.createUniversalAuthIdentity("cold", Role.ADMIN,
                    Duration.ofHours(24), Duration.ofDays(30));
            System.out.println("READY " + fake.apiUrl() + " " + ua.clientId() + " " + ua.clientSecret() + " "
                    + project.id() + " " + BenchFixture.key(0));
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin (or dies)
            }
        }
    }

    /** A running server process; {@link #close()} ends it. */
    static final class Process implements AutoCloseable {
        final java.lang.Process process;
        final Target target;

        Process(int secrets) {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                    ColdServer.class.getName(), String.valueOf(secrets)));
            try {
                process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                    // skip anything before the ready line
                }
                if (line == null) {
                    throw new IllegalStateException("the FakeInfisical process ended before it was ready");
                }
                String[] p = line.split(" ");
                target = new Target(p[1], p[2], p[3], p[4], p[5]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Runs the server's request paths until its JIT is warm: cold starts then measure the client. */
        Process warm() {
            for (int i = 0; i < 200; i++) {
                ColdStart.bareOkHttp(target);
            }
            return this;
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (IOException | InterruptedException e) {
                process.destroy();
            }
        }
    }

    static String javaBin() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
