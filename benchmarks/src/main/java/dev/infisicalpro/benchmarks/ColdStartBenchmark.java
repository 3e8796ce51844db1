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
 * B7: cold start, nothing to the first value, in a fresh JVM: run with {@code -f 10} (single shot, no
 * warm-up), so each fork measures one first call with every class still to load. The FakeInfisical runs
 * in a separate process ({@link ColdServer}) so its Jackson and HTTP-server classes are not preloaded.
 * Baseline: {@code bareOkHttp}, the same login and GET with nothing but OkHttp.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdStartBenchmark {

    /** Secrets in the folder (the cold-start row uses a one-secret folder). */
    @Param("1")
    public int secrets;

    private ColdServer.Process server;

    @Setup(Level.Trial)
    public void setUp() {
        server = new ColdServer.Process(secrets);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
    }

    @Benchmark
    public String bareOkHttp() {
        return ColdStart.bareOkHttp(server.target);
    }

    @Benchmark
    public String infisicalPro() {
        return ColdStart.infisicalPro(server.target);
    }
}
