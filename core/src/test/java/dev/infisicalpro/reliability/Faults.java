package dev.infisicalpro.reliability;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.RetryPolicy;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretQuery;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shared names, canaries and clients of the reliability tests (core's and, through core's test-jar, the
 * adapters' fault suites).
 *
 * <pre>{@code
 * Faults.assertNoCanary(thrown);
 * }</pre>
 */
public final class Faults {

    public static final String PROJECT = "6543b1f0c8e5a1d2e3f4a5b6";
    public static final String CLIENT_ID = "2e5a9a2c-9a6c-4a5e-8c67-0c5b8b1f2d11";
    /** Credentials and values that must never appear in a message, a log line or a toString(). */
    public static final String CLIENT_SECRET = "cs-CANARY-client-secret-91f3e";
    public static final String ACCESS_TOKEN = "at-CANARY-access-token-4c2d1";
    public static final String VALUE = "val-CANARY-db-password-77a1";
    public static final List<String> CANARIES = List.of(CLIENT_SECRET, ACCESS_TOKEN, VALUE, "CANARY");

    public static final String LOGIN = "/api/v1/auth/universal-auth/login";
    public static final String LIST = "/api/v3/secrets/raw";

    private Faults() {
    }

    /**
     * A universal-auth server that logs in and lists {@code DB_PASSWORD}, or, while {@code fault} holds
     * {@code "hang-after-headers"} or {@code "trickle"} (~25 s for the answer, each byte well inside a read
     * timeout), answers the listing that way. For the adapters' fault suites.
     */
    public static RawServer listingServer(java.util.concurrent.atomic.AtomicReference<String> fault) {
        return RawServer.start(ex -> {
            if (ex.path().equals(LOGIN)) {
                ex.json(200, login());
                return true;
            }
            String body = listing("DB_PASSWORD", VALUE);
            switch (fault.get()) {
                case "hang-after-headers" -> ex.hangAfterHeaders();
                case "trickle" -> {
                    ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                            + "\r\n\r\n");
                    ex.trickle(body, 100);
                }
                default -> {
                    ex.json(200, body);
                    return true;
                }
            }
            return false;
        });
    }

    public static String login() {
        return "{\"accessToken\":\"" + ACCESS_TOKEN + "\",\"expiresIn\":7200,\"accessTokenMaxTTL\":86400,"
                + "\"tokenType\":\"Bearer\"}";
    }

    public static String listing(String key, String value) {
        return "{\"secrets\":[{\"secretKey\":\"" + key + "\",\"secretValue\":\"" + value + "\",\"secretComment\":\"\","
                + "\"version\":1,\"type\":\"shared\",\"environment\":\"dev\",\"secretPath\":\"/\"}],\"imports\":[]}";
    }

    public static Scope scope() {
        return Scope.of(ProjectRef.id(PROJECT), "dev", "/");
    }

    public static SecretQuery query() {
        return SecretQuery.of(ProjectRef.id(PROJECT), "dev", "/");
    }

    /**
     * A universal-auth client on {@code server} with quick retries. Timeouts are a few seconds: a cold
     * JVM on a loaded 2-core CI machine can take over a second for its first request; tests of the
     * deadlines set shorter ones themselves.
     */
    public static InfisicalClient client(RawServer server, Consumer<InfisicalClient.Builder> tweak) {
        InfisicalClient.Builder b = InfisicalClient.builder().host(server.url())
                .credentials(Credentials.universalAuth(CLIENT_ID, CLIENT_SECRET))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)));
        tweak.accept(b);
        return b.build();
    }

    public static InfisicalClient client(RawServer server) {
        return client(server, b -> { });
    }

    /** Fails when any canary occurs in {@code text}. */
    public static void assertNoCanary(String where, String text) {
        if (text == null) {
            return;
        }
        for (String c : CANARIES) {
            if (text.contains(c)) {
                throw new AssertionError(where + " contains a canary: " + text.replace(c, "<" + c.length() + " chars>"));
            }
        }
    }

    /** Every message and toString() of a throwable and its causes and suppressed exceptions. */
    public static void assertNoCanary(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            assertNoCanary("message of " + x.getClass().getName(), x.getMessage());
            assertNoCanary("toString of " + x.getClass().getName(), x.toString());
            for (Throwable s : x.getSuppressed()) {
                assertNoCanary(s);
            }
        }
    }
}
