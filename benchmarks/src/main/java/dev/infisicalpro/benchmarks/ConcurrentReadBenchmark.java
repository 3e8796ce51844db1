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
import org.openjdk.jmh.annotations.Threads;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B4: 32 reader threads calling {@code LiveSecrets.get} while one thread refreshes continuously (a
 * secret rotated on the server before each refresh, so every refresh swaps in a new snapshot),
 * against the same readers with no refresh running. Throughput in reads per microsecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(32)
public class ConcurrentReadBenchmark {

    /** A live view over 1,000 secrets; with {@code refreshing}, a background thread keeps refreshing. */
    @State(Scope.Benchmark)
    public abstract static class View {
        BenchFixture fixture;
        InfisicalClient client;
        LiveSecrets live;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong refreshes = new AtomicLong();
        Thread refresher;

        /** Number of secrets in the folder (the smoke test runs a small one). */
        @Param("1000")
        public int secrets;

        void start(boolean refreshing) {
            fixture = new BenchFixture(secrets);
            client = fixture.client();
            live = client.live(fixture.query()).resyncInterval(Duration.ZERO).start();
            if (refreshing) {
                refresher = new Thread(() -> {
                    int generation = 0;
                    while (!stop.get()) {
                        generation++;
                        int i = generation % secrets;
                        fixture.project.putSecret("dev", "/", BenchFixture.key(i), BenchFixture.value(i, generation));
                        live.refreshNow();
                        refreshes.incrementAndGet();
                    }
                }, "bench-refresher");
                refresher.setDaemon(true);
                refresher.start();
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            if (refresher != null) {
                refresher.join();
                System.out.println("# refreshes during the trial: " + refreshes.get());
            }
            live.close();
            client.close();
            fixture.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Refreshing extends View {
        @Setup(Level.Trial)
        public void setUp() {
            start(true);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            stop();
        }
    }

    @State(Scope.Benchmark)
    public static class Quiet extends View {
        @Setup(Level.Trial)
        public void setUp() {
            start(false);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            stop();
        }
    }

    private static String read(View view) {
        return view.live.get(view.fixture.keys[ThreadLocalRandom.current().nextInt(view.secrets)]);
    }

    @Benchmark
    public String readsWhileRefreshing(Refreshing view) {
        return read(view);
    }

    @Benchmark
    public String readsQuiet(Quiet view) {
        return read(view);
    }
}
