package dev.infisicalpro.benchmarks;

import dev.infisicalpro.InfisicalClient;
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

import java.util.concurrent.TimeUnit;

/**
 * B5: a one-off {@code secrets().get} of one key in a 1,000-secret folder, response cache off (the
 * default), on a logged-in client. Baseline {@code bareOkHttpGetOne}: the same GET of the get-one route
 * with nothing but OkHttp and the same access token. {@code listAndPick} is what {@code get} did before
 * (list the folder, pick the key) for the before/after ratio in the same run. {@link BytesDown} measures
 * the bytes each transfers.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OneOffGetBenchmark {

    /** Number of secrets in the folder (the smoke test runs a small one). */
    @Param("1000")
    public int secrets;

    private BenchFixture fixture;
    private InfisicalClient client;
    private BareOkHttp bare;
    private String token;
    private Scope scope;
    private String[] keys;
    private String[] urls;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new BenchFixture(secrets);
        client = fixture.client();
        scope = fixture.query().scope(fixture.query().paths().get(0));
        bare = new BareOkHttp(fixture.fake.apiUrl());
        token = bare.login(fixture.identity.clientId(), fixture.identity.clientSecret());
        keys = fixture.keys.clone();
        urls = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            urls[i] = bare.getOneUrl(fixture.project.id(), "dev", "/", keys[i]);
        }
        client.secrets().get(scope, keys[0]); // logs in
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bare.close();
        client.close();
        fixture.close();
    }

    private int nextIndex() {
        int i = next + 1;
        if (i == keys.length) {
            i = 0;
        }
        next = i;
        return i;
    }

    @Benchmark
    public String bareOkHttpGetOne() {
        return bare.getValue(urls[nextIndex()], token);
    }

    @Benchmark
    public String secretsGet() {
        return client.secrets().get(scope, keys[nextIndex()]).value();
    }

    /** The former {@code get}: the whole folder listed for one key. */
    @Benchmark
    public String listAndPick() {
        return client.secrets().list(scope, ListOptions.defaults()).effective().get(keys[nextIndex()]).value();
    }
}
