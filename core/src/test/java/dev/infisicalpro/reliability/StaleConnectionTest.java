package dev.infisicalpro.reliability;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.NewSecret;
import dev.infisicalpro.Secret;
import dev.infisicalpro.TransportException;
import dev.infisicalpro.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.infisicalpro.reliability.Faults.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10, defect 3: a server (or proxy) that closes an idle keep-alive connection makes the next
 * request on it die before any byte of an answer. Such a request never reached the server, so it is
 * sent again on a fresh connection, writes included; a write that did reach the server and got no
 * answer is never sent twice.
 */
@ExtendWith(ThreadBaseline.class)
class StaleConnectionTest {

    private static final String CREATE = "/api/v3/secrets/raw/NEW_KEY";

    private static String created() {
        return "{\"secret\":{\"secretKey\":\"NEW_KEY\",\"secretValue\":\"" + Faults.VALUE + "\",\"version\":1,"
                + "\"type\":\"shared\",\"environment\":\"dev\",\"secretPath\":\"/\"}}";
    }

    @Test
    void aWriteOnAConnectionTheServerClosedIsSentAgainOnAFreshOne() {
        // every answer is followed by the server closing the connection, without "Connection: close"
        try (RawServer server = RawServer.start(ex -> {
                 ex.json(200, ex.path().equals(LOGIN) ? Faults.login() : created());
                 return false;
             });
             InfisicalClient client = Faults.client(server)) {
            Secret s = client.secrets().create(Faults.scope(), NewSecret.of("NEW_KEY", Faults.VALUE),
                    WriteOptions.defaults());
            assertThat(s.key()).isEqualTo("NEW_KEY");
            assertThat(server.count("POST", CREATE)).isEqualTo(1);
            // and again: the pooled connection of the write is stale too
            client.secrets().create(Faults.scope(), NewSecret.of("NEW_KEY", Faults.VALUE), WriteOptions.defaults());
            assertThat(server.count("POST", CREATE)).isEqualTo(2);
        }
    }

    @Test
    void aWriteTheServerReceivedButNeverAnsweredIsNotSentTwice() {
        try (RawServer server = RawServer.start(ex -> {
                 if (ex.path().equals(LOGIN)) {
                     ex.json(200, Faults.login());
                     return false; // the write then finds a stale pooled connection first
                 }
                 return false; // read the write, close without a byte of answer: it may have been applied
             });
             InfisicalClient client = Faults.client(server)) {
            Throwable t = catchThrowable(() -> client.secrets().create(Faults.scope(),
                    NewSecret.of("NEW_KEY", Faults.VALUE), WriteOptions.defaults()));
            assertThat(t).isInstanceOf(TransportException.class);
            Faults.assertNoCanary(t);
            assertThat(server.count("POST", CREATE)).isEqualTo(1);
        }
    }

    @Test
    void aReadOnAStaleConnectionSucceedsToo() {
        try (RawServer server = RawServer.start(ex -> {
                 ex.json(200, ex.path().equals(LOGIN) ? Faults.login() : Faults.listing("A", "1"));
                 return false;
             });
             InfisicalClient client = Faults.client(server, b -> b.retryPolicy(dev.infisicalpro.RetryPolicy.none()))) {
            assertThat(client.secrets().list(Faults.scope(), ListOptions.defaults()).effective().get("A").value())
                    .isEqualTo("1");
            assertThat(client.secrets().list(Faults.scope(), ListOptions.defaults()).effective().get("A").value())
                    .isEqualTo("1");
        }
    }
}
