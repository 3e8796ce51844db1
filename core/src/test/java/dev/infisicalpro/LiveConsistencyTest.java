package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers never see a mix of two refreshes: every value of a generation carries the generation
 * number, a writer rotates all keys to the next generation and refreshes, and readers running at
 * the same time check that each snapshot they take holds one generation only.
 */
class LiveConsistencyTest {

    private static final int KEYS = 50;
    private static final int GENERATIONS = 40;
    private static final int READERS = 4;

    @Test
    void noReaderEverSeesAMixOfTwoSnapshots() throws Exception {
        try (LiveFixture f = new LiveFixture()) {
            for (int k = 0; k < KEYS; k++) {
                f.project.putSecret("dev", "/", "KEY_" + k, "0:" + k);
            }
            try (LiveSecrets live = f.live("/").resyncInterval(Duration.ZERO).start()) {
                AtomicBoolean done = new AtomicBoolean();
                AtomicReference<String> mixed = new AtomicReference<>();
                AtomicLong reads = new AtomicLong();
                AtomicLong maxSeen = new AtomicLong();
                CountDownLatch started = new CountDownLatch(READERS);
                List<Thread> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    Thread t = new Thread(() -> {
                        started.countDown();
                        long lastGeneration = 0;
                        while (!done.get() && mixed.get() == null) {
                            Map<String, String> values = live.snapshot().values();
                            long generation = -1;
                            for (Map.Entry<String, String> e : values.entrySet()) {
                                long g = Long.parseLong(e.getValue().substring(0, e.getValue().indexOf(':')));
                                if (generation == -1) {
                                    generation = g;
                                } else if (g != generation) {
                                    mixed.set("generations " + generation + " and " + g + " in one snapshot");
                                }
                            }
                            if (values.size() != KEYS) {
                                mixed.set("snapshot with " + values.size() + " keys");
                            }
                            if (generation < lastGeneration) {
                                mixed.set("went back from generation " + lastGeneration + " to " + generation);
                            }
                            lastGeneration = generation;
                            maxSeen.accumulateAndGet(generation, Math::max);
                            reads.incrementAndGet();
                        }
                    }, "consistency-reader-" + r);
                    t.start();
                    readers.add(t);
                }
                started.await();
                for (int g = 1; g <= GENERATIONS; g++) {
                    for (int k = 0; k < KEYS; k++) {
                        f.project.putSecret("dev", "/", "KEY_" + k, g + ":" + k);
                    }
                    SecretChange change = live.refreshNow();
                    assertThat(change.changed()).hasSize(KEYS);
                }
                long deadline = System.nanoTime() + 10_000_000_000L; // readers must reach the last generation
                while (maxSeen.get() < GENERATIONS && mixed.get() == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                done.set(true);
                for (Thread t : readers) {
                    t.join();
                }
                assertThat(mixed.get()).isNull();
                assertThat(reads.get()).isPositive();
                assertThat(live.get("KEY_7")).isEqualTo(GENERATIONS + ":7");
                assertThat(maxSeen.get()).isEqualTo(GENERATIONS);
            }
        }
    }
}
