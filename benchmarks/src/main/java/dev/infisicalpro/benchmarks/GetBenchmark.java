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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * B1: {@code LiveSecrets.get} hit against {@code HashMap.get} on the same 1,000 keys. Target:
 * at most 2x the HashMap time and 0 B/op (run with {@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GetBenchmark {

    /** Number of secrets in the folder (the smoke test runs a small one). */
    @Param("1000")
    public int secrets;

    private BenchFixture fixture;
    private InfisicalClient client;
    private LiveSecrets live;
    private Map<String, String> hashMap;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new BenchFixture(secrets);
        client = fixture.client();
        live = client.live(fixture.query()).resyncInterval(Duration.ZERO).start();
        hashMap = new HashMap<>(live.snapshot().values());
        keys = fixture.keys.clone();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        live.close();
        client.close();
        fixture.close();
    }

    private String nextKey() {
        int i = next + 1;
        if (i == keys.length) {
            i = 0;
        }
        next = i;
        return keys[i];
    }

    @Benchmark
    public String hashMapGet() {
        return hashMap.get(nextKey());
    }

    @Benchmark
    public String liveSecretsGet() {
        return live.get(nextKey());
    }
}
