package dev.infisicalpro.benchmarks;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.Scope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * B6: repeated {@code secrets().get} with the response cache on (TTL 1 h, so no request during the
 * run), 1,000 secrets. Target: at most 1 µs and no allocation proportional to the folder (run with
 * {@code -prof gc}). Baselines: {@code HashMap.get} of the same keys, and {@code LiveSecrets.get} (B1).
 * {@code listEffectiveGet} is the former cached path (the cached listing's {@code effective()} rebuilt per
 * call), for the before/after ratio.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedGetBenchmark {

    /** Number of secrets in the folder (the smoke test runs a small one). */
    @Param("1000")
    public int secrets;

    private BenchFixture fixture;
    private InfisicalClient client;
    private LiveSecrets live;
    private Map<String, String> hashMap;
    private Scope scope;
    private String[] keys;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new BenchFixture(secrets);
        client = fixture.client(Duration.ofHours(1));
        scope = fixture.query().scope(fixture.query().paths().get(0));
        live = client.live(fixture.query()).resyncInterval(Duration.ZERO).start();
        hashMap = new HashMap<>(live.snapshot().values());
        keys = fixture.keys.clone();
        client.secrets().get(scope, keys[0]); // fills the cache
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

    @Benchmark
    public String cachedSecretsGet() {
        return client.secrets().get(scope, nextKey()).value();
    }

    /** The former cached {@code get}: the cached listing's effective map rebuilt for every call. */
    @Benchmark
    public String listEffectiveGet() {
        return client.secrets().list(scope, ListOptions.defaults()).effective().get(nextKey()).value();
    }
}
