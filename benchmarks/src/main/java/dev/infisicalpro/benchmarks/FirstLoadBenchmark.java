package dev.infisicalpro.benchmarks;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
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
 * B3: first load of 10,000 secrets: a new client logs in (universal auth) and a live view lists
 * the folder once ({@link Footprint} measures the retained heap of such a view). Baselines:
 * {@code loginAndList} (a new client logging in and listing, no live view) and {@code listOnly}
 * (the plain {@code Secrets.list} of the same folder on a logged-in client).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FirstLoadBenchmark {

    /** Number of secrets in the folder (the smoke test runs a small one). */
    @Param("10000")
    public int secrets;

    private BenchFixture fixture;
    private InfisicalClient warmClient;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new BenchFixture(secrets);
        warmClient = fixture.client();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        warmClient.close();
        fixture.close();
    }

    @Benchmark
    public int loginAndFirstLoad() {
        try (InfisicalClient client = fixture.client();
             LiveSecrets live = client.live(fixture.query()).resyncInterval(Duration.ZERO).start()) {
            return live.snapshot().size();
        }
    }

    /** Baseline for the live view's own cost: the same login and list without a live view. */
    @Benchmark
    public int loginAndList() {
        try (InfisicalClient client = fixture.client()) {
            return client.secrets().list(fixture.query().scope(fixture.query().paths().get(0)),
                    fixture.query().options()).secrets().size();
        }
    }

    @Benchmark
    public int listOnly() {
        return warmClient.secrets().list(fixture.query().scope(fixture.query().paths().get(0)),
                fixture.query().options()).secrets().size();
    }
}
