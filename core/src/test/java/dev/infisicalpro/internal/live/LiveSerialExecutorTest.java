package dev.infisicalpro.internal.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SerialExecutor}: a task or a delegate that throws must not leave the queue stuck. */
class LiveSerialExecutorTest {

    @Test
    void aTaskThatThrowsAVirtualMachineErrorDoesNotStopLaterDeliveries() {
        List<String> ran = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(Runnable::run);

        assertThatThrownBy(() -> serial.execute(() -> {
            throw new StackOverflowError();
        })).isInstanceOf(StackOverflowError.class);

        serial.execute(() -> ran.add("next"));
        assertThat(ran).containsExactly("next");
    }

    @Test
    void eventsQueuedBehindAThrowingTaskAreStillDeliveredInOrder() {
        List<String> ran = new ArrayList<>();
        List<Runnable> handedOver = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(handedOver::add); // runs drains when the test says so
        serial.enqueue(() -> {
            throw new OutOfMemoryError("simulated");
        });
        serial.enqueue(() -> ran.add("second"));
        serial.enqueue(() -> ran.add("third"));
        serial.kick();
        assertThat(handedOver).hasSize(1);

        assertThatThrownBy(() -> handedOver.get(0).run()).isInstanceOf(OutOfMemoryError.class);
        assertThat(handedOver).as("the rest went to a fresh drain").hasSize(2);
        handedOver.get(1).run();
        assertThat(ran).containsExactly("second", "third");
    }

    @Test
    void aDelegateThatThrowsSomethingOtherThanRejectionCanBeRetried() {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<String> ran = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(r -> {
            if (broken.get()) {
                throw new IllegalStateException("executor in a bad state");
            }
            r.run();
        });
        assertThatThrownBy(() -> serial.execute(() -> ran.add("first"))).isInstanceOf(IllegalStateException.class);
        broken.set(false);
        serial.execute(() -> ran.add("second"));
        assertThat(ran).containsExactly("first", "second");
    }
}
