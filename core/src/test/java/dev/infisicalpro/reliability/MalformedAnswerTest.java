package dev.infisicalpro.reliability;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.SecretChange;
import dev.infisicalpro.TransportException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static dev.infisicalpro.reliability.Faults.LIST;
import static dev.infisicalpro.reliability.Faults.LOGIN;
import static dev.infisicalpro.reliability.Faults.VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10, defect 2: a 200 whose body is not the documented listing ({@code {}}, {@code {"secrets":null}},
 * a list of non-objects, items without key or value), or a 304 to a request that sent no
 * {@code If-None-Match}, is a failed read: a typed error, the live view keeps its last good values and
 * says it is stale, and no change event claims every key was removed.
 */
@ExtendWith(ThreadBaseline.class)
class MalformedAnswerTest {

    /** What the list route answers next; login always works. */
    private final AtomicReference<String> listAnswer = new AtomicReference<>(Faults.listing("DB_PASSWORD", VALUE));

    private RawServer server() {
        return RawServer.start(ex -> {
            if (ex.path().equals(LOGIN)) {
                ex.json(200, Faults.login());
            } else if (ex.path().equals(LIST)) {
                String answer = listAnswer.get();
                if (answer.equals("304")) {
                    ex.raw("HTTP/1.1 304 Not Modified\r\nETag: \"e1\"\r\nContent-Length: 0\r\n\r\n");
                } else {
                    ex.json(200, answer, "ETag: \"e" + answer.hashCode() + "\"");
                }
            } else {
                ex.json(404, "{\"statusCode\":404,\"message\":\"Route not found\",\"error\":\"Not Found\"}");
            }
            return true;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"secrets\":null}", "{\"secrets\":{}}", "{\"secrets\":\"x\"}",
            "{\"secrets\":[1,2]}", "{\"secrets\":[{}]}", "{\"secrets\":[{\"secretKey\":\"A\"}]}",
            "{\"secrets\":[],\"imports\":{}}", "{\"secrets\":[],\"imports\":[{\"secretPath\":\"/x\"}]}"})
    void aListingOfTheWrongShapeIsATypedFailureNotAnEmptyFolder(String body) {
        listAnswer.set(body);
        try (RawServer server = server(); InfisicalClient client = Faults.client(server)) {
            Throwable t = catchThrowable(() -> client.secrets().list(Faults.scope(), dev.infisicalpro.ListOptions.defaults()));
            assertThat(t).isInstanceOf(TransportException.class);
            assertThat(t.getMessage()).contains("unexpected answer from 127.0.0.1").contains("host-api");
            Faults.assertNoCanary(t);
        }
    }

    @Test
    void aNotModifiedToARequestWithoutIfNoneMatchIsATypedFailure() {
        listAnswer.set("304");
        try (RawServer server = server(); InfisicalClient client = Faults.client(server)) {
            Throwable list = catchThrowable(() -> client.secrets().list(Faults.scope(), dev.infisicalpro.ListOptions.defaults()));
            assertThat(list).isInstanceOf(TransportException.class).hasMessageContaining("without If-None-Match");
            Throwable listIfChanged = catchThrowable(() -> client.secrets().listIfChanged(Faults.scope(),
                    dev.infisicalpro.ListOptions.defaults(), ""));
            assertThat(listIfChanged).isInstanceOf(TransportException.class);
        }
    }

    @Test
    void aLiveViewFacingABrokenProxyKeepsItsValuesAndSaysItIsStale() {
        try (RawServer server = server(); InfisicalClient client = Faults.client(server);
             LiveSecrets live = client.live(Faults.query()).resyncInterval(Duration.ZERO)
                     .listenerExecutor(Runnable::run).start()) {
            List<SecretChange> events = new CopyOnWriteArrayList<>();
            live.addListener(events::add);
            assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE);

            for (String garbage : List.of("{}", "{\"secrets\":null}")) {
                listAnswer.set(garbage);
                Throwable t = catchThrowable(live::refreshNow);
                assertThat(t).isInstanceOf(InfisicalException.class);
                Faults.assertNoCanary(t);
                assertThat(live.get("DB_PASSWORD")).isEqualTo(VALUE);
            }
            LiveStatus status = live.status();
            assertThat(status.stale()).isTrue();
            assertThat(status.consecutiveFailures()).isEqualTo(2);
            assertThat(status.lastErrorType()).contains("TransportException");
            assertThat(events).isEmpty(); // nobody was told every key was removed
            Faults.assertNoCanary("toString", live.toString() + status);
        }
    }

    @Test
    void aLiveViewWhoseFirstAnswerIsANotModifiedDoesNotStartHealthyAndEmpty() {
        listAnswer.set("304");
        try (RawServer server = server(); InfisicalClient client = Faults.client(server)) {
            Throwable t = catchThrowable(() -> client.live(Faults.query()).start());
            assertThat(t).isInstanceOf(TransportException.class);
            try (LiveSecrets live = client.live(Faults.query()).failFast(false).resyncInterval(Duration.ZERO).start()) {
                assertThat(live.status().loaded()).isFalse();
                assertThat(live.status().healthy()).isFalse();
            }
        }
    }
}
