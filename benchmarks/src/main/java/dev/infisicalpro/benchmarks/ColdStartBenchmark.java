package dev.infisicalpro.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * B7: cold start, nothing to the first value, in a fresh JVM: each fork measures one first call (single
 * shot, no warm-up) with every class still to load. Baseline: {@code bareOkHttp}, the same login and GET
 * with nothing but OkHttp. The FakeInfisical runs in a separate process ({@link ColdServer}) so its Jackson
 * and HTTP-server classes are not preloaded; {@link #main} starts one, warms it up (so the server's own
 * first requests are not what is measured) and hands it to every fork. Run:
 * {@code java -cp ... dev.infisicalpro.benchmarks.ColdStartBenchmark [forks]} (default 10). Without
 * {@code main} (plain JMH, the smoke test) each fork starts its own, cold, server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdStartBenchmark {

    /** Secrets in the folder (the cold-start row uses a one-secret folder). */
    @Param("1")
    public int secrets;

    /** The shared server's target, as {@code apiUrl clientId clientSecret projectId key}. */
    static final String TARGET_PROPERTY = "coldstart.target";

    private ColdServer.Process server;
    private ColdServer.Target target;

    @Setup(Level.Trial)
    public void setUp() {
        String shared = System.getProperty(TARGET_PROPERTY);
        if (shared != null) {
            String[] p = shared.split(" ");
            target = new ColdServer.Target(p[0], p[1], p[2], p[3], p[4]);
        } else {
            server = new ColdServer.Process(secrets);
            target = server.target;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Benchmark
    public String bareOkHttp() {
        return ColdStart.bareOkHttp(target);
    }

    @Benchmark
    public String infisicalPro() {
        return ColdStart.infisicalPro(target);
    }

    public static void main(String[] args) throws Exception {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (ColdServer.Process shared = new ColdServer.Process(1).warm()) {
            ColdServer.Target t = shared.target;
            org.openjdk.jmh.runner.options.Options options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                    .include("^" + ColdStartBenchmark.class.getName().replace(".", "\\.") + "\\.")
                    .forks(forks).warmupIterations(0).measurementIterations(1)
                    .jvmArgsAppend("-D" + TARGET_PROPERTY + "=" + t.apiUrl() + " " + t.clientId() + " "
                            + t.clientSecret() + " " + t.projectId() + " " + t.key())
                    .build();
            new org.openjdk.jmh.runner.Runner(options).run();
        }
    }
}
