package dev.infisicalpro.benchmarks;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B9: Spring Boot startup of {@code examples/spring-boot} with {@code spring.config.import=infisical:/app}
 * against a FakeInfisical on loopback (in this harness's JVM, not the app's), and without it
 * ({@code infisical.enabled=false}, the same values given as system properties), alternating, {@code rounds}
 * starts each. Reports the medians of Boot's own "Started ... in X seconds" and "process running for Y".
 * Run: {@code java -cp ... dev.infisicalpro.benchmarks.BootStartup <example jar> [rounds] [extra JVM option ...]}.
 */
public final class BootStartup {

    private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private BootStartup() {
    }

    /**
     * Seconds as Boot reports them (context start and whole process), and the process's CPU seconds when
     * the line appeared (all threads: less sensitive than wall time to other processes on a shared machine).
     */
    record Start(double started, double process, double cpu) {
    }

    static Start start(Path jar, Map<String, String> env, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ColdServer.javaBin()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dserver.port=0", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                log.append(line).append('\n');
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    double cpu = p.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
                    return new Start(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), cpu);
                }
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
        throw new IllegalStateException("the app did not start:\n" + log);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        boolean serve = args.length > 1 && args[1].equals("serve");
        int rounds = args.length > 1 && !serve ? Integer.parseInt(args[1]) : 6;
        List<String> extra = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            p.createFolder("dev", "/app");
            p.createFolder("dev", "/shared");
            p.putSecret("dev", "/app", "DB_PASSWORD", "demo-db-password");
            p.putSecret("dev", "/app", "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/demo");
            p.putSecret("dev", "/app", "SPRING_DATASOURCE_USERNAME", "demo");
            p.putSecret("dev", "/app", "API_KEY", "demo-api-key-1");
            p.putSecret("dev", "/shared", "SUPPORT_EMAIL", "support@example.com");
            p.addImport("dev", "/app", "dev", "/shared");
            ServiceTokenCredentials token = p.createServiceToken("bench", List.of(TokenScope.of("dev", "/**")),
                    EnumSet.of(Permission.READ));
            // INFISICAL_API_URL set in both cases: the example then never starts its embedded fake
            Map<String, String> env = Map.of("INFISICAL_API_URL", fake.url());
            List<String> with = new ArrayList<>(extra);
            with.addAll(List.of("-Dinfisical.project-id=" + p.id(), "-Dinfisical.env-slug=dev",
                    "-Dinfisical.auth.service-token=" + token.token()));
            List<String> without = new ArrayList<>(extra);
            without.addAll(List.of("-Dinfisical.enabled=false", "-DDB_PASSWORD=demo-db-password",
                    "-Dspring.datasource.url=jdbc:postgresql://localhost:5432/demo",
                    "-Dspring.datasource.username=demo", "-DAPI_KEY=demo-api-key-1",
                    "-DSUPPORT_EMAIL=support@example.com"));
            if (serve) {
                // for profiling by hand (-Xlog, JFR): the two command lines, then serve until stdin closes
                System.out.println("export INFISICAL_API_URL=" + fake.url());
                System.out.println("WITH: " + String.join(" ", with) + " -jar " + jar);
                System.out.println("WITHOUT: " + String.join(" ", without) + " -jar " + jar);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // serve
                }
                return;
            }
            start(jar, env, without); // one unmeasured start each: file-system cache
            start(jar, env, with);
            Start[] withRuns = new Start[rounds];
            Start[] withoutRuns = new Start[rounds];
            for (int i = 0; i < rounds; i++) {
                withoutRuns[i] = start(jar, env, without);
                withRuns[i] = start(jar, env, with);
            }
            System.out.printf("Boot startup, median of %d (s): without import started %.3f / process %.3f / cpu %.3f;"
                            + " with import started %.3f / process %.3f / cpu %.3f;"
                            + " overhead %+.0f ms started, %+.0f ms process, %+.0f ms cpu%n",
                    rounds, median(withoutRuns, Start::started), median(withoutRuns, Start::process),
                    median(withoutRuns, Start::cpu), median(withRuns, Start::started), median(withRuns, Start::process),
                    median(withRuns, Start::cpu),
                    (median(withRuns, Start::started) - median(withoutRuns, Start::started)) * 1000,
                    (median(withRuns, Start::process) - median(withoutRuns, Start::process)) * 1000,
                    (median(withRuns, Start::cpu) - median(withoutRuns, Start::cpu)) * 1000);
            System.out.println("  without started: " + Arrays.toString(values(withoutRuns, Start::started)));
            System.out.println("  with started:    " + Arrays.toString(values(withRuns, Start::started)));
            System.out.println("  without cpu:     " + Arrays.toString(values(withoutRuns, Start::cpu)));
            System.out.println("  with cpu:        " + Arrays.toString(values(withRuns, Start::cpu)));
        }
    }

    private static double[] values(Start[] runs, java.util.function.ToDoubleFunction<Start> f) {
        return Arrays.stream(runs).mapToDouble(f).toArray();
    }

    private static double median(Start[] runs, java.util.function.ToDoubleFunction<Start> f) {
        return median(values(runs, f));
    }
}
