package dev.infisicalpro;

import dev.infisicalpro.testkit.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The single-flight refresh slot is freed whatever happens while a failure is recorded. */
class LiveRefreshSlotTest {

    private final LiveFixture f = new LiveFixture();
    private final Logger live = Logger.getLogger("dev.infisicalpro.live");
    private final Handler throwing = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                throw new IllegalStateException("logging backend broken");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void tearDown() {
        live.removeHandler(throwing);
        f.close();
    }

    @Test
    void aLoggingBackendThatThrowsWhileAFailureIsRecordedLeavesTheNextRefreshWorking() throws Exception {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets view = f.live("/").start()) {
            live.addHandler(throwing);
            f.fake.faults().next("GET", LiveFixture.LIST, 1, Fault.status(503));
            Throwable failure = catchThrowable(view::refreshNow);
            assertThat(failure).isInstanceOf(TransportException.class); // the refresh's own failure, not the logger's
            assertThat(failure.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class);
            live.removeHandler(throwing);

            f.project.putSecret("dev", "/", "A", "2");
            SecretChange next = CompletableFuture.supplyAsync(view::refreshNow).get(30, TimeUnit.SECONDS);
            assertThat(next.changed()).containsExactly("A");
            assertThat(view.get("A")).isEqualTo("2");
        }
    }
}
