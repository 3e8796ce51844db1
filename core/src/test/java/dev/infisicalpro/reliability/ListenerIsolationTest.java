package dev.infisicalpro.reliability;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.SecretSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.infisicalpro.reliability.Faults.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10, defect 5: one view's blocking listener never starves another view's change events. */
@ExtendWith(ThreadBaseline.class)
class ListenerIsolationTest {

    @Test
    void aBlockedListenerOfOneViewDoesNotHoldBackAnotherViewsEvents() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer server = RawServer.start(ex -> {
                 ex.json(200, ex.path().equals(LOGIN) ? Faults.login() : Faults.listing("A", "1"));
                 return true;
             });
             InfisicalClient client = Faults.client(server);
             LiveSecrets blocked = client.live(Faults.query()).resyncInterval(Duration.ZERO).start();
             LiveSecrets other = client.live(Faults.query()).resyncInterval(Duration.ZERO).start()) {
            CountDownLatch blockedEntered = new CountDownLatch(1);
            blocked.addListener(SecretSnapshot.empty(), c -> {
                blockedEntered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(blockedEntered.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch otherHeard = new CountDownLatch(1);
            other.addListener(SecretSnapshot.empty(), c -> otherHeard.countDown());
            assertThat(otherHeard.await(10, TimeUnit.SECONDS)).as("the other view's event arrived").isTrue();
        } finally {
            release.countDown();
        }
    }
}
