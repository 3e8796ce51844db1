package dev.infisicalpro;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Design §5.11: a distinctive secret value, client secret and access token go through every failure
 * path and appear in no exception message or stack trace text, no log record and no toString().
 * Error bodies here echo the canaries on purpose (a hostile or buggy proxy could).
 */
class RedactionCanaryTest extends WireSupport {

    private static final String VALUE = "VALUE-CANARY-c4f1";
    private static final String SECRET = "CLIENTSECRET-CANARY-9b2e";
    private static final String TOKEN = "TOKEN-CANARY-77aa";
    private static final String SERVICE = "st.canaryid." + "STSECRET-CANARY-31cd" + ".KEYPART-CANARY-0f0f";
    private static final List<String> CANARIES = List.of(VALUE, SECRET, TOKEN, "STSECRET-CANARY-31cd",
            "KEYPART-CANARY-0f0f");

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<String> seen = new ArrayList<>();

    private static String echoing(int status, String error) {
        // message and error fields deliberately carry canaries except where the mapper quotes them
        return "{\"statusCode\":" + status + ",\"message\":\"failed\",\"error\":\"" + error + "\",\"detail\":\""
                + VALUE + " " + SECRET + " " + TOKEN + "\",\"secretValue\":\"" + VALUE + "\"}";
    }

    private void run(ResponseDefinitionBuilder answer, Consumer<InfisicalClient> op, Credentials credentials) {
        wm.resetAll();
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/universal-auth/login"))
                .willReturn(json(200, login(TOKEN, 7200, 86400))));
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(answer));
        try (InfisicalClient c = client(builder(credentials).readTimeout(Duration.ofMillis(150))
                .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1))))) {
            seen.add(c.toString());
            try {
                op.accept(c);
            } catch (RuntimeException e) {
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                seen.add(w.toString());
                seen.add(String.valueOf(e.getMessage()));
            }
        }
    }

    private void everyFailure(Credentials credentials) {
        Consumer<InfisicalClient> list = c -> c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        Consumer<InfisicalClient> create = c -> c.secrets().create(scope("dev", "/"), NewSecret.of("K", VALUE));
        Consumer<InfisicalClient> update = c -> c.secrets().update(scope("dev", "/"), "K", SecretUpdate.value(VALUE));
        for (Consumer<InfisicalClient> op : List.of(list, create, update)) {
            run(json(401, echoing(401, "UnauthorizedError")), op, credentials);
            run(json(403, echoing(403, "PermissionDenied")), op, credentials);
            run(json(403, echoing(403, "TokenError")), op, credentials);
            run(json(404, echoing(404, "NotFound")), op, credentials);
            run(json(422, "{\"statusCode\":422,\"message\":[{\"path\":[\"secretValue\"],\"message\":\"bad\","
                    + "\"received\":\"" + VALUE + "\"}],\"error\":\"ValidationFailure\"}"), op, credentials);
            run(json(429, echoing(429, "RateLimitExceeded")).withHeader("retry-after", "0"), op, credentials);
            run(json(500, echoing(500, "InternalServerError")), op, credentials);
            run(json(200, listing(item("K", VALUE, "dev", "/"))).withFixedDelay(400), op, credentials);
            run(json(200, "{\"secrets\":[{\"secretKey\":\"K\",\"secretValue\":\"" + VALUE), op, credentials);
            run(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), op, credentials);
            run(json(200, listing(item("K", VALUE, "staging", "/"))), op, credentials); // scope mismatch path
        }
    }

    @Test
    void canariesAppearInNoMessageLogOrToStringOnAnyFailurePath() {
        everyFailure(Credentials.universalAuth(CLIENT_ID, SECRET));
        everyFailure(Credentials.accessToken(TOKEN));
        everyFailure(Credentials.serviceToken(SERVICE));
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(logs.records()).isNotEmpty(); // debug logging was on, so there was something to leak
        String everything = String.join("\n", seen) + "\n" + logs.all();
        for (String canary : CANARIES) {
            assertThat(everything).doesNotContain(canary);
        }
    }

    @Test
    void successfulValuesAppearInNoToStringOrLog() {
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/universal-auth/login"))
                .willReturn(json(200, login(TOKEN, 7200, 86400))));
        wm.stubFor(any(urlPathEqualTo("/api/v3/secrets/raw"))
                .willReturn(json(200, listing(item("K", VALUE, "dev", "/")))));
        try (InfisicalClient c = client(builder(Credentials.universalAuth(CLIENT_ID, SECRET)))) {
            SecretListing l = c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(l.secrets().get(0).value()).isEqualTo(VALUE);
            String shown = c + " " + l + " " + l.secrets() + " " + l.effective() + " " + NewSecret.of("K", VALUE)
                    + " " + SecretUpdate.value(VALUE) + " " + Credentials.universalAuth(CLIENT_ID, SECRET)
                    + " " + Credentials.accessToken(TOKEN) + " " + Credentials.serviceToken(SERVICE)
                    + " " + InfisicalSettings.load(PropertyLookup.of(Map.of("infisical.env-slug", "dev",
                    "infisical.auth.client-id", CLIENT_ID, "infisical.auth.client-secret", SECRET)), n -> java.util.Optional.empty())
                    + " " + logs.all();
            for (String canary : CANARIES) {
                assertThat(shown).doesNotContain(canary);
            }
        }
    }
}
