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
 * A distinctive secret value, client secret and access token go through every failure
 * path and appear in no exception message or stack trace text, no log record and no toString().
 * Error bodies here echo the canaries on purpose (a hostile or buggy proxy could).
 */
class RedactionCanaryTest extends WireSupport {

    private static final String VALUE = "VALUE-CANARY-c4f1";
    private static final String SECRET = "CLIENTSECRET-CANARY-9b2e";
    private static final String TOKEN = "TOKEN-CANARY-77aa";
    private static final String SERVICE = "st.canaryid." + "STSECRET-CANARY-31cd" + ".KEYPART-CANARY-0f0f";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.JWT-CANARY-4d2a.sig";
    private static final List<String> CANARIES = List.of(VALUE, SECRET, TOKEN, "STSECRET-CANARY-31cd",
            "KEYPART-CANARY-0f0f", "JWT-CANARY-4d2a");


    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<String> seen = new ArrayList<>();

    private static String echoing(int status, String error, String echoed) {
        // the quoted message field echoes the request's own secrets, as a hostile or buggy proxy could
        return "{\"statusCode\":" + status + ",\"message\":\"failed for " + echoed + "\",\"error\":\"" + error
                + "\",\"detail\":\"" + VALUE + " " + SECRET + " " + TOKEN + "\",\"secretValue\":\"" + VALUE + "\"}";
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

    /** {@code echo}: the credentials' secrets as a request of theirs carries them (a written value is added). */
    private void everyFailure(Credentials credentials, String echoCredentials) {
        Consumer<InfisicalClient> list = c -> c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        Consumer<InfisicalClient> create = c -> c.secrets().create(scope("dev", "/"), NewSecret.of("K", VALUE));
        Consumer<InfisicalClient> update = c -> c.secrets().update(scope("dev", "/"), "K", SecretUpdate.value(VALUE));
        for (Consumer<InfisicalClient> op : List.of(list, create, update)) {
            String echo = op == list ? echoCredentials : echoCredentials + " " + VALUE;
            run(json(401, echoing(401, "UnauthorizedError", echo)), op, credentials);
            run(json(403, echoing(403, "PermissionDenied", echo)), op, credentials);
            run(json(403, echoing(403, "TokenError", echo)), op, credentials);
            run(json(404, echoing(404, "NotFound", echo)), op, credentials);
            run(json(400, echoing(400, "Bad " + echo, echo)), op, credentials); // echoed in the error field too
            run(json(404, "{\"statusCode\":404,\"message\":\"Route GET:/api/v3/secrets/raw?x=" + echo
                    + " not found\",\"error\":\"Not Found\"}"), op, credentials);
            run(json(422, "{\"statusCode\":422,\"message\":[{\"code\":\"invalid_enum_value\",\"path\":[\"type\"],"
                    + "\"message\":\"Invalid enum value. Expected 'shared' | 'personal', received '" + echo + "'\","
                    + "\"received\":\"" + echo + "\"}],\"error\":\"ValidationFailure\"}"), op, credentials);
            run(json(422, "{\"statusCode\":422,\"message\":[{\"path\":[\"secretValue\"],\"message\":\"bad\","
                    + "\"received\":\"" + VALUE + "\"}],\"error\":\"ValidationFailure\"}"), op, credentials);
            run(json(429, echoing(429, "RateLimitExceeded", echo)).withHeader("retry-after", "0"), op, credentials);
            run(json(500, echoing(500, "InternalServerError", echo)), op, credentials);
            run(json(200, listing(item("K", VALUE, "dev", "/"))).withFixedDelay(400), op, credentials);
            run(json(200, "{\"secrets\":[{\"secretKey\":\"K\",\"secretValue\":\"" + VALUE), op, credentials);
            run(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), op, credentials);
            run(json(200, listing(item("K", VALUE, "staging", "/"))), op, credentials); // scope mismatch path
        }
    }

    @Test
    void canariesAppearInNoMessageLogOrToStringOnAnyFailurePath() {
        everyFailure(Credentials.universalAuth(CLIENT_ID, SECRET), SECRET + " " + TOKEN);
        everyFailure(Credentials.accessToken(TOKEN), TOKEN);
        everyFailure(Credentials.serviceToken(SERVICE), SERVICE + " st.canaryid.STSECRET-CANARY-31cd");
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(logs.records()).isNotEmpty(); // debug logging was on, so there was something to leak
        String everything = String.join("\n", seen) + "\n" + logs.all();
        for (String canary : CANARIES) {
            assertThat(everything).doesNotContain(canary);
        }
    }

    /** A 2 KB PEM-like value: multi-line, with distinctive lines. */
    private static String pem() {
        StringBuilder sb = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        java.util.Random r = new java.util.Random(42);
        for (int line = 0; sb.length() < 2000; line++) {
            sb.append("PEM").append(line < 10 ? "0" : "").append(line).append('Q');
            for (int i = 0; i < 58; i++) {
                sb.append("ABCDEFGHJKLMNPRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789+/".charAt(r.nextInt(56)));
            }
            sb.append('\n');
        }
        return sb.append("-----END PRIVATE KEY-----\n").toString();
    }

    /** Writes {@code value} against a server whose 400 message is {@code message}; everything shown. */
    private String writeEchoing(String value, String message) {
        seen.clear();
        String body = "{\"statusCode\":400,\"message\":\"" + jsonEscape(message) + "\",\"error\":\"BadRequest\"}";
        wm.resetAll();
        wm.stubFor(any(anyUrl()).willReturn(json(400, body)));
        try (InfisicalClient c = client(builder(Credentials.accessToken(TOKEN)).retryPolicy(RetryPolicy.none()))) {
            seen.add(c.toString());
            InfisicalException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> c.secrets().create(scope("dev", "/"), NewSecret.of("TLS_KEY", value)), ValidationException.class);
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            seen.add(w.toString());
            seen.add(e.getMessage());
        }
        assertThat(seen).hasSize(3); // toString, stack trace, message
        return String.join("\n", seen) + "\n" + logs.all();
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** No 8-character piece of any line of the value's body shows. */
    private static void assertNoPieceOf(String value, String everything) {
        for (String line : value.split("\n")) {
            if (line.startsWith("-----")) {
                continue;
            }
            for (int i = 0; i + 8 <= line.length(); i++) {
                assertThat(everything).doesNotContain(line.substring(i, i + 8));
            }
        }
    }

    @Test
    void aLongMultiLineValueEchoedAcrossTheCutShowsNoPart() {
        String value = pem();
        String everything = writeEchoing(value, "x".repeat(450) + value + " is not valid"); // the cut at 500 falls in line 1
        assertThat(everything).contains("x".repeat(100)).contains("***");
        assertNoPieceOf(value, everything);
    }

    @Test
    void aValueEchoedOnlyInPartAndCutShowsNoTrailingFragment() {
        // the server itself shortened its echo; the library's cut at 500 leaves 20 chars of the value
        String value = pem();
        String everything = writeEchoing(value, "y".repeat(480) + value.substring(0, 300));
        assertThat(everything).contains("y".repeat(100)).contains("***...");
        assertThat(everything).doesNotContain("-----BEGIN PRIVATE");
    }

    @Test
    void aJsonStringifiedEchoOfAMultiLineValueShowsNoPart() {
        String value = pem();
        // the server quotes JSON.stringify(value): newlines arrive as the two characters backslash n
        String stringified = "\"" + value.replace("\n", "\\n") + "\"";
        String everything2 = writeEchoing(value, "invalid value " + stringified);
        assertThat(everything2).contains("invalid value \"***\"");
        assertNoPieceOf(value, everything2);
    }

    @Test
    void aShortValueEchoedAsAQuotedFieldIsMaskedWhileTheSameLettersInWordsStay() {
        // a PIN-like value: too short to mask everywhere, but an echoed field quotes it on its own
        String pin = "4821";
        String everything = writeEchoing(pin, "invalid 'secretValue' received '4821' (expected \"4821x\"); "
                + "{\"received\":\"4821\"} code 48210");
        assertThat(everything).doesNotContain("'4821'").doesNotContain("\"4821\"")
                .contains("received '***'").contains("\"4821x\"").contains("code 48210");
        // JSON.stringify(value) inside the message: the value's own quote arrives escaped
        String stringified = writeEchoing("a\"b", "bad value \"a\\\"b\" here");
        assertThat(stringified).contains("bad value \"***\" here").doesNotContain("a\\\"b");
    }

    @Test
    void aUrlEncodedEchoShowsNoPart() {
        String value = "p@ss word/with+plus&" + VALUE + "\nline2-" + VALUE;
        String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        String everything = writeEchoing(value, "Route POST:/api/v3/secrets/raw/TLS_KEY?secretValue=" + encoded
                + " not found");
        assertThat(everything).doesNotContain(VALUE).doesNotContain("with%2Bplus");
        String component = encoded.replace("+", "%20");
        String everything2 = writeEchoing(value, "bad ?v=" + component);
        assertThat(everything2).doesNotContain(VALUE).doesNotContain("with%2Bplus");
    }

    @Test
    void kubernetesJwtEchoedByARefusedLoginAppearsNowhere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path jwtFile = dir.resolve("token");
        java.nio.file.Files.writeString(jwtFile, JWT + "\n");
        Credentials k8s = Credentials.kubernetes("identity-1", jwtFile);
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/kubernetes-auth/login")).willReturn(json(401,
                "{\"statusCode\":401,\"message\":\"invalid jwt " + JWT + "\",\"error\":\"" + JWT + "\"}")));
        try (InfisicalClient c = client(builder(k8s))) {
            seen.add(c.toString());
            try {
                c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            } catch (InfisicalException e) {
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                seen.add(w.toString());
            }
        }
        assertThat(seen).hasSize(2);
        String everything = String.join("\n", seen) + "\n" + logs.all();
        assertThat(everything).contains("invalid jwt ***").doesNotContain("JWT-CANARY-4d2a");
    }

    @Test
    void aFailedRenewEchoingTheTokenAppearsNowhere() {
        TestClock clock = new TestClock();
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/universal-auth/login")).inScenario("login")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("again")
                .willReturn(json(200, login(TOKEN, 60, 86400))));
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/universal-auth/login")).inScenario("login")
                .whenScenarioStateIs("again").willReturn(json(401, "{\"statusCode\":401,\"message\":\"Invalid "
                        + "credentials for " + SECRET + "\",\"error\":\"UnauthorizedError\"}")));
        wm.stubFor(post(urlPathEqualTo("/api/v1/auth/token/renew")).willReturn(json(401, "{\"statusCode\":401,"
                + "\"message\":\"Failed to renew " + TOKEN + "\",\"error\":\"" + TOKEN + "\"}")));
        wm.stubFor(any(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, listing())));
        try (InfisicalClient c = client(builder(Credentials.universalAuth(CLIENT_ID, SECRET)).clock(clock))) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            clock.advance(Duration.ofSeconds(57)); // inside the renew margin
            try {
                c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            } catch (InfisicalException e) {
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                seen.add(w.toString());
            }
        }
        assertThat(count("POST", "/api/v1/auth/token/renew")).isEqualTo(1);
        assertThat(seen).hasSize(1);
        String everything = String.join("\n", seen) + "\n" + logs.all();
        assertThat(everything).contains("***");
        for (String canary : CANARIES) {
            assertThat(everything).doesNotContain(canary);
        }
    }

    @Test
    void internalRecordsHoldingSecretsPrintNoSecret() {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("clientSecret", SECRET);
        body.put("secretValue", VALUE);
        dev.infisicalpro.internal.Transport.Call call = dev.infisicalpro.internal.Transport.Call.write("POST",
                "/v1/auth/universal-auth/login", body);
        String shown = call + " " + call.withIfNoneMatch(TOKEN).unauthenticated()
                + " " + new dev.infisicalpro.internal.Transport.Reply(200, VALUE.getBytes(), "e")
                + " " + new dev.infisicalpro.internal.ErrorMapper.ServerError(VALUE, TOKEN);
        assertThat(shown).contains("POST /v1/auth/universal-auth/login");
        for (String canary : CANARIES) {
            assertThat(shown).doesNotContain(canary);
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
