package dev.infisicalpro.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves each benchmark still runs (one short in-process iteration, no fork, no warm-up) so a
 * broken benchmark is caught by {@code mvn verify}; the numbers come from the documented command in
 * RESULTS.md, never from here.
 */
class BenchmarksSmokeTest {

    static {
        // The smoke runs measure nothing, so they need not wait for (or fail on) the machine-wide
        // /tmp/jmh.lock that a real benchmark run on the same machine holds.
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static Collection<RunResult> runOnce(Class<?> benchmark, int threads) throws Exception {
        Options options = new OptionsBuilder()
                .include("^" + benchmark.getName().replace(".", "\\.") + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .param("secrets", "100")
                .threads(threads)
                .shouldFailOnError(true)
                .build();
        return new Runner(options).run();
    }

    @Test
    void everyBenchmarkRunsOneIteration() throws Exception {
        assertThat(runOnce(GetBenchmark.class, 1)).hasSize(2);
        assertThat(runOnce(RefreshBenchmark.class, 1)).hasSize(2);
        assertThat(runOnce(FirstLoadBenchmark.class, 1)).hasSize(3);
        assertThat(runOnce(ConcurrentReadBenchmark.class, 4)).hasSize(2);
        assertThat(runOnce(OneOffGetBenchmark.class, 1)).hasSize(3);
        assertThat(runOnce(CachedGetBenchmark.class, 1)).hasSize(4);
    }

    @Test
    void coldStartBenchmarkRunsAgainstAServerInItsOwnProcess() throws Exception {
        Options options = new OptionsBuilder()
                .include("^" + ColdStartBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .forks(0).warmupIterations(0).measurementIterations(1).shouldFailOnError(true).build();
        assertThat(new Runner(options).run()).hasSize(2);
    }

    @Test
    void aOneOffGetTransfersOneSecretNotTheFolder() {
        try (BenchFixture fixture = new BenchFixture(500)) {
            BytesDown.Result result = BytesDown.measure(fixture);
            assertThat(result.getBytes()).as(result.toString()).isLessThanOrEqualTo(2048);
            assertThat(result.listBytes()).as(result.toString()).isGreaterThan(20 * result.getBytes());
        }
    }

    @Test
    void theFirstValueLoadsNoJsonLibraryNorACacheLibrary() {
        try (ColdServer.Process server = new ColdServer.Process(1)) {
            ClassLoadCount.Run run = ClassLoadCount.run("pro", server.target, true);
            assertThat(run.classes()).containsKey("dev.infisicalpro").containsKey("okhttp3")
                    .doesNotContainKey("jackson-databind").doesNotContainKey("jackson-core")
                    .doesNotContainKey("caffeine");
        }
    }

    @Test
    void liveViewRetainsAtMostThreeTimesTheUtf16SizeOfKeysAndValues() {
        // per-secret cost does not depend on the count; 500 keeps the test fast (RESULTS.md has 10,000)
        try (BenchFixture fixture = new BenchFixture(500)) {
            Footprint.Result result = Footprint.measure(fixture);
            assertThat(result.secrets()).isEqualTo(500);
            assertThat(result.ratio()).as(result.toString()).isLessThanOrEqualTo(3.0);
        }
    }
}
