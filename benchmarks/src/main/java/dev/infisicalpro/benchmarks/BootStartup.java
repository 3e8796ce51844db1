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

    /** Seconds as Boot reports them: context start and whole process. */
    record Start(double started, double process) {
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
                    return new Start(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
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
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
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
            start(jar, env, without); // one unmeasured start each: file-system cache
            start(jar, env, with);
            double[] withStarted = new double[rounds];
            double[] withProcess = new double[rounds];
            double[] withoutStarted = new double[rounds];
            double[] withoutProcess = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                Start a = start(jar, env, without);
                withoutStarted[i] = a.started();
                withoutProcess[i] = a.process();
                Start b = start(jar, env, with);
                withStarted[i] = b.started();
                withProcess[i] = b.process();
            }
            System.out.printf("Boot startup, median of %d (s): without import started %.3f / process %.3f;"
                            + " with import started %.3f / process %.3f; overhead %+.0f ms started, %+.0f ms process%n",
                    rounds, median(withoutStarted), median(withoutProcess), median(withStarted), median(withProcess),
                    (median(withStarted) - median(withoutStarted)) * 1000, (median(withProcess) - median(withoutProcess)) * 1000);
            System.out.println("  without started: " + Arrays.toString(withoutStarted));
            System.out.println("  with started:    " + Arrays.toString(withStarted));
        }
    }
}
