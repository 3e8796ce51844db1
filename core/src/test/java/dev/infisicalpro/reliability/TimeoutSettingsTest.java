package dev.infisicalpro.reliability;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.TransportException;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code infisical.read-timeout} and {@code infisical.call-timeout}: the deadlines a user of the settings
 * (and so of the Spring and MicroProfile adapters, which build their clients from them) can shorten, so a
 * server that hangs after its headers or trickles its answer cannot hold startup for the default ~90 s.
 */
@ExtendWith(ThreadBaseline.class)
class TimeoutSettingsTest {

    private static InfisicalSettings settings(RawServer server, String... more) {
        Map<String, String> p = new HashMap<>();
        p.put("infisical.host-api", server == null ? "http://127.0.0.1:9" : server.url());
        p.put("infisical.project-id", Faults.PROJECT);
        p.put("infisical.env-slug", "dev");
        p.put("infisical.auth.client-id", Faults.CLIENT_ID);
        p.put("infisical.auth.client-secret", Faults.CLIENT_SECRET);
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return InfisicalSettings.load(PropertyLookup.of(p), PropertyLookup.of(Map.of()));
    }

    private static RawServer server(boolean trickle) {
        return RawServer.start(ex -> {
            if (ex.path().equals(Faults.LOGIN)) {
                ex.json(200, Faults.login());
                return true;
            }
            if (trickle) {
                String body = Faults.listing("DB_PASSWORD", Faults.VALUE);
                ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\n\r\n");
                ex.trickle(body, 100);
            } else {
                ex.hangAfterHeaders();
            }
            return false;
        });
    }

    private static long listMillis(InfisicalSettings settings, Class<? extends Throwable> expected) {
        try (InfisicalClient client = settings.newClient()) {
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> client.secrets().list(Faults.scope(), ListOptions.defaults()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(t).isInstanceOf(expected);
            Faults.assertNoCanary(t);
            return millis;
        }
    }

    @Test
    void theReadTimeoutSettingBoundsAHangAfterHeaders() {
        try (RawServer server = server(false)) {
            long millis = listMillis(settings(server, "infisical.read-timeout", "300ms"), TransportException.class);
            // three attempts of 300 ms plus backoff; the default read timeout would take ~90 s
            assertThat(millis).isLessThan(5_000);
            assertThat(server.count("GET", Faults.LIST)).isEqualTo(3);
        }
    }

    @Test
    void theCallTimeoutSettingBoundsATrickleTheReadTimeoutNeverSees() {
        try (RawServer server = server(true)) {
            InfisicalSettings s = settings(server, "infisical.call-timeout", "500ms");
            assertThat(s.callTimeout()).contains(Duration.ofMillis(500));
            assertThat(s.readTimeout()).isEmpty();
            long millis = listMillis(s, TransportException.class);
            // the operation deadline is twice the call deadline: at most ~1 s, not the ~25 s of the trickle
            assertThat(millis).isLessThan(5_000);
        }
    }

    @Test
    void aTimeoutMustBeBetweenAMillisecondAndADayAndIsNeverQuotedWhenMalformed() {
        for (String bad : new String[] {"0", "0ms", "PT0.0001S", "25h", "999999999999999d"}) {
            Throwable t = catchThrowable(() -> settings(null, "infisical.call-timeout", bad));
            assertThat(t).as(bad).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("infisical.call-timeout is out of range");
        }
        Throwable t = catchThrowable(() -> settings(null, "infisical.read-timeout", Faults.ACCESS_TOKEN));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("infisical.read-timeout");
        Faults.assertNoCanary(t);
        assertThat(settings(null, "infisical.read-timeout", "PT2S").readTimeout()).contains(Duration.ofSeconds(2));
    }
}
