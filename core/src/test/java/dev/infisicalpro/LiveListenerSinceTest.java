package dev.infisicalpro;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LiveSecrets#addListener(SecretSnapshot, Consumer)}: a subscriber that captured a snapshot
 * earlier hears every change after it exactly once; and {@link Subscription#close()} removes exactly
 * its own registration.
 */
class LiveListenerSinceTest {

    private final LiveFixture f = new LiveFixture();
    private final List<SecretChange> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aRefreshBeforeSubscribingIsDeliveredExactlyOnce() {
        f.project.putSecret("dev", "/", "A", "1");
        f.project.putSecret("dev", "/", "B", "1");
        try (LiveSecrets live = f.live("/").start()) {
            SecretSnapshot atStartup = live.snapshot();
            f.project.putSecret("dev", "/", "A", "2");
            f.project.putSecret("dev", "/", "C", "1");
            f.project.deleteSecret("dev", "/", "B");
            live.refreshNow(); // nobody listens yet

            live.addListener(atStartup, events::add);
            assertThat(events).containsExactly(new SecretChange(Set.of("C"), Set.of("B"), Set.of("A")));

            f.scheduler.runNext(); // 304: nothing new, and the catch-up is not repeated
            live.refreshNow();
            assertThat(events).hasSize(1);

            f.project.putSecret("dev", "/", "D", "1");
            live.refreshNow(); // later refreshes are delivered as usual, only their own change
            assertThat(events).hasSize(2).last().isEqualTo(new SecretChange(Set.of("D"), Set.of(), Set.of()));
        }
    }

    @Test
    void nothingIsDeliveredWhenTheSnapshotIsCurrentEvenAfterA304() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").start()) {
            SecretSnapshot atStartup = live.snapshot();
            live.refreshNow(); // 304: a newer snapshot, same data
            assertThat(live.snapshot()).isNotSameAs(atStartup);
            live.addListener(atStartup, events::add);
            live.addListener(live.snapshot(), events::add);
            assertThat(events).isEmpty();
        }
    }

    @Test
    void anEmptyBaselineHearsEveryLoadedKeyAsAdded() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").start()) {
            live.addListener(SecretSnapshot.empty(), events::add);
            assertThat(events).containsExactly(new SecretChange(Set.of("A"), Set.of(), Set.of()));
        }
    }

    @Test
    void subscribingWhileRefreshesRunHearsEveryKeyAddedAfterTheBaselineExactlyOnce() throws Exception {
        // Each refresh adds one new key and never removes one, so a change heard twice shows as a key
        // added twice, and a missed one as a key never added.
        int rounds = 60;
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ZERO).start()) {
            for (int attempt = 0; attempt < 5; attempt++) {
                SecretSnapshot baseline = live.snapshot();
                List<String> added = Collections.synchronizedList(new ArrayList<>());
                CountDownLatch go = new CountDownLatch(1);
                int base = attempt * rounds;
                Thread refresher = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < rounds; i++) {
                        f.project.putSecret("dev", "/", "K" + (base + i), "v");
                        live.refreshNow();
                    }
                });
                refresher.start();
                go.countDown();
                Thread.onSpinWait();
                Subscription sub = live.addListener(baseline, c -> added.addAll(c.added()));
                refresher.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(refresher.isAlive()).isFalse();

                Set<String> expected = new HashSet<>(live.snapshot().keys());
                expected.removeAll(baseline.keys());
                assertThat(added).doesNotHaveDuplicates();
                assertThat(new HashSet<>(added)).isEqualTo(expected);
                sub.close();
            }
        }
    }

    @Test
    void closingOneOfTwoRegistrationsOfTheSameListenerTwiceLeavesTheOtherListening() {
        f.project.putSecret("dev", "/", "A", "1");
        Consumer<SecretChange> same = events::add;
        try (LiveSecrets live = f.live("/").start()) {
            Subscription first = live.addListener(same);
            Subscription second = live.addListener(same);
            first.close();
            first.close(); // idempotent: must not remove the second registration of the same instance
            f.project.putSecret("dev", "/", "A", "2");
            live.refreshNow();
            assertThat(events).containsExactly(new SecretChange(Set.of(), Set.of(), Set.of("A")));
            second.close();
            f.project.putSecret("dev", "/", "A", "3");
            live.refreshNow();
            assertThat(events).hasSize(1);
        }
    }
}
