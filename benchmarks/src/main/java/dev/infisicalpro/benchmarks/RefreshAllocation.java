package dev.infisicalpro.benchmarks;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Bytes allocated by the <em>client</em> per refresh (B2): JMH's {@code -prof gc} counts the whole
 * JVM, which here includes the in-process FakeInfisical building and hashing every response. A
 * refresh runs on the calling thread (OkHttp's synchronous call), so the calling thread's allocation
 * counter isolates the client: 304 (nothing parsed) against 200 (1,000 secrets parsed, merged and
 * diffed). Run: {@code java -cp ... dev.infisicalpro.benchmarks.RefreshAllocation [secrets] [rounds]}.
 */
public final class RefreshAllocation {

    private RefreshAllocation() {
    }

    /** Average bytes the calling thread allocated per refresh. */
    public record Result(int secrets, long bytesPer304, long bytesPer200) {
        @Override
        public String toString() {
            return String.format("%d secrets: client allocates %,d B per 304 refresh, %,d B per 200 refresh"
                    + " (ratio %.3f)", secrets, bytesPer304, bytesPer200, (double) bytesPer304 / bytesPer200);
        }
    }

    public static Result measure(BenchFixture fixture, int rounds) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        try (InfisicalClient client = fixture.client();
             LiveSecrets live = client.live(fixture.query()).resyncInterval(Duration.ZERO).start()) {
            int n = fixture.keys.length;
            int generation = 0;
            for (int warm = 0; warm < rounds; warm++) { // JIT warm-up of both paths
                live.refreshNow();
                generation++;
                fixture.project.putSecret("dev", "/", fixture.keys[generation % n], BenchFixture.value(generation, generation));
                live.refreshNow();
            }
            long unchanged = 0;
            long changed = 0;
            for (int r = 0; r < rounds; r++) {
                long a = threads.getThreadAllocatedBytes(self);
                live.refreshNow();
                long b = threads.getThreadAllocatedBytes(self);
                generation++;
                fixture.project.putSecret("dev", "/", fixture.keys[generation % n], BenchFixture.value(generation, generation));
                long c = threads.getThreadAllocatedBytes(self);
                live.refreshNow();
                long d = threads.getThreadAllocatedBytes(self);
                unchanged += b - a;
                changed += d - c;
            }
            return new Result(n, unchanged / rounds, changed / rounds);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (BenchFixture fixture = new BenchFixture(n)) {
            System.out.println(measure(fixture, rounds));
        }
    }
}
