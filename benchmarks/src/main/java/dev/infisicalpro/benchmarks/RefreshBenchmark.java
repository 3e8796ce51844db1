package dev.infisicalpro.benchmarks;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.SecretChange;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * B2: one refresh of 1,000 secrets against FakeInfisical on loopback: unchanged (the server answers
 * 304 to {@code If-None-Match}, nothing is parsed) versus changed (one secret rotated, full 200
 * answer parsed, snapshot rebuilt and diffed). Time and, with {@code -prof gc}, bytes per refresh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RefreshBenchmark {

    /** Number of secrets in the folder (the smoke test runs a small one). */
    @Param("1000")
    public int secrets;

    private BenchFixture fixture;
    private InfisicalClient client;
    private LiveSecrets live;
    private int generation;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new BenchFixture(secrets);
        client = fixture.client();
        live = client.live(fixture.query()).resyncInterval(Duration.ZERO).start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        live.close();
        client.close();
        fixture.close();
    }

    /** Rotates one secret on the server so the next refresh gets a 200 (not measured). */
    @State(Scope.Thread)
    public static class Rotation {
        @Setup(Level.Invocation)
        public void rotate(RefreshBenchmark b) {
            b.generation++;
            int i = b.generation % b.secrets;
            b.fixture.project.putSecret("dev", "/", BenchFixture.key(i), BenchFixture.value(i, b.generation));
        }
    }

    @Benchmark
    public SecretChange unchanged304() {
        return live.refreshNow();
    }

    @Benchmark
    public SecretChange changed200(Rotation rotation) {
        return live.refreshNow();
    }
}
