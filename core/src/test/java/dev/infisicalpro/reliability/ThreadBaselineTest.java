package dev.infisicalpro.reliability;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The thread check of the fault suites can fail: a thread a test leaves running is reported. */
class ThreadBaselineTest {

    @Test
    void aThreadStartedAfterTheBaselineIsReportedUntilItEnds() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        CountDownLatch stop = new CountDownLatch(1);
        Thread leaked = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "infisical-live-refresh-leak");
        leaked.setDaemon(true);
        leaked.start();

        assertThat(ThreadBaseline.extra(before)).contains(leaked);
        stop.countDown();
        leaked.join();
        assertThat(ThreadBaseline.extra(before)).doesNotContain(leaked);
    }
}
