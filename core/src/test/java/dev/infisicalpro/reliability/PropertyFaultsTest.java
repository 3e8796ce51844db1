package dev.infisicalpro.reliability;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretListing;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static dev.infisicalpro.reliability.Faults.LIST;
import static dev.infisicalpro.reliability.Faults.LOGIN;
import static dev.infisicalpro.reliability.Faults.VALUE;

/**
 * Issue 10, property-based part of the fault suite: arbitrary paths and keys given to the public API,
 * arbitrary values for every setting InfisicalSettings knows, and arbitrary list bodies served on a loopback
 * socket. For each: nothing but an {@link InfisicalException} escapes (or an
 * {@link IllegalArgumentException} where a builder documents it), and no canary reaches an exception
 * message, a {@code toString()} or a log line. One server and one client serve the whole container.
 */
class PropertyFaultsTest {

    /** A service token and a URL with user info: the credentials a user pastes into the wrong place. */
    static final String TOKEN_CANARY = "st.64f0c8e5CANARY.9f8e7d6c5b4aCANARY.0a1b2c3d";
    static final String URL_CANARY = "https://admin:pw-CANARY-77@infisical.example.com";

    private static final Logger LOGGER = Logger.getLogger("dev.infisicalpro");
    private static final List<LogRecord> LOGS = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            LOGS.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static Level previousLevel;

    /** What the list route answers next: bytes with a content type. */
    private static final AtomicReference<byte[]> LIST_BODY = new AtomicReference<>(
            Faults.listing("DB_PASSWORD", VALUE).getBytes(StandardCharsets.UTF_8));
    private static RawServer server;
    private static InfisicalClient client;

    @BeforeContainer
    static void start() {
        previousLevel = LOGGER.getLevel();
        LOGGER.setLevel(Level.ALL);
        LOGGER.addHandler(CAPTURE);
        server = RawServer.start(ex -> {
            if (ex.path().equals(LOGIN)) {
                ex.json(200, Faults.login());
            } else if (ex.path().equals(LIST)) {
                byte[] body = LIST_BODY.get();
                ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
                ex.out.write(body);
                ex.out.flush();
            } else {
                ex.json(404, "{\"statusCode\":404,\"message\":\"Secret not found\",\"error\":\"NotFound\"}");
            }
            return true;
        });
        client = Faults.client(server, b -> b.readTimeout(Duration.ofSeconds(2)));
    }

    @AfterContainer
    static void stop() {
        try {
            client.close();
            server.close();
        } finally {
            LOGGER.removeHandler(CAPTURE);
            LOGGER.setLevel(previousLevel);
        }
        assertNoCanaryInLogs();
    }

    private static void assertNoCanaryInLogs() {
        SimpleFormatter f = new SimpleFormatter();
        for (LogRecord r : LOGS) {
            Faults.assertNoCanary("log line", f.format(r));
        }
        LOGS.clear();
    }

    /** Fails unless {@code t} is null, an InfisicalException, or (when allowed) an IllegalArgumentException. */
    private static void assertTyped(Throwable t, boolean illegalArgumentAllowed) {
        if (t == null) {
            return;
        }
        boolean ok = t instanceof InfisicalException || (illegalArgumentAllowed && t instanceof IllegalArgumentException);
        if (!ok) {
            throw new AssertionError("untyped exception escaped: " + t.getClass().getName(), t);
        }
        Faults.assertNoCanary(t);
    }

    private static Throwable thrown(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    // ---- (a) secret paths and keys ---------------------------------------------------------------

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> pathy = Arbitraries.strings().withChars("/.%?#&= \t\\:*\u0000\u00e9\u202eAb_-").ofMaxLength(30);
        Arbitrary<String> slashed = pathy.map(s -> "/" + s);
        return Arbitraries.oneOf(any, pathy, slashed,
                Arbitraries.of("", " ", "/", "//", "/..", "/../..", "/a/../b", "/a//b", "/a/", "%2F", "/%00",
                        " KEY", "KEY ", "DB_PASSWORD", "a".repeat(5000), "/" + "x/".repeat(500)));
    }

    @Property(tries = 200)
    void secretPathsAreValidatedOrRefusedWithATypedError(@ForAll("hostile") String path) {
        Throwable t = thrown(() -> {
            SecretPath p = SecretPath.of(path);
            // a valid path survives the operations callers use on it
            p.segments();
            p.parent();
            p.isRoot();
            Faults.assertNoCanary("toString", p.toString());
        });
        assertTyped(t, false);
    }

    @Property(tries = 50) // three calls each, plus a fallback listing after a 404 get-one
    void getFindAndListWithHostilePathsAndKeysFailTyped(@ForAll("hostile") String path, @ForAll("hostile") String key) {
        LIST_BODY.set(Faults.listing("DB_PASSWORD", VALUE).getBytes(StandardCharsets.UTF_8));
        Throwable scope = thrown(() -> Scope.of(ProjectRef.id(Faults.PROJECT), "dev", path));
        assertTyped(scope, false);
        Scope s = scope == null ? Scope.of(ProjectRef.id(Faults.PROJECT), "dev", path) : Faults.scope();
        assertTyped(thrown(() -> client.secrets().get(s, key)), false);
        assertTyped(thrown(() -> {
            Optional<?> found = client.secrets().find(s, key);
            Faults.assertNoCanary("find result toString", found.toString());
        }), false);
        assertTyped(thrown(() -> Faults.assertNoCanary("listing toString",
                client.secrets().list(s, ListOptions.defaults()).toString())), false);
        assertNoCanaryInLogs();
    }

    // ---- (b) settings values ---------------------------------------------------------------------

    @Provide
    Arbitrary<String> settingValue() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> canary = Arbitraries.of(TOKEN_CANARY, URL_CANARY, Faults.CLIENT_SECRET, "CANARY42",
                "http://u:CANARY@127.0.0.1:1", "PT5S" + "CANARY", "trueCANARY", " CANARY ");
        Arbitrary<String> wrapped = Combinators.combine(any, canary, any).as((a, c, b) -> a + c + b);
        return Arbitraries.oneOf(canary, wrapped, canary.map(c -> c.substring(0, Math.min(c.length(), 9)) + "CANARY"));
    }

    @Provide
    Arbitrary<String> settingKey() {
        return Arbitraries.of(InfisicalSettings.ALL_KEYS);
    }

    @Provide
    Arbitrary<String> plainValue() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("true", "false", "PT1M", "0", "-1", "/", "/app", "dev", "https://h.example", ""));
    }

    @Property(tries = 200)
    void aCanaryInAnySettingNeverReachesAnErrorOrToString(@ForAll("settingKey") String key,
                                                          @ForAll("settingValue") String value,
                                                          @ForAll("settingKey") String otherKey,
                                                          @ForAll("plainValue") String other,
                                                          @ForAll boolean viaEnvironment) {
        Map<String, String> props = new HashMap<>();
        Map<String, String> env = new HashMap<>();
        props.put(InfisicalSettings.ENV_SLUG, "dev");
        props.put(InfisicalSettings.AUTH_ACCESS_TOKEN, "at-x");
        if (!otherKey.equals(key)) {
            props.put(otherKey, other);
        }
        if (viaEnvironment) {
            props.remove(key);
            env.put(InfisicalSettings.environmentName(key), value);
        } else {
            props.put(key, value);
        }
        Throwable t = thrown(() -> {
            InfisicalSettings settings = InfisicalSettings.load(PropertyLookup.of(props), PropertyLookup.of(env));
            String text = settings.toString();
            // toString shows non-secret settings as given; credentials must be masked
            if (InfisicalSettings.AUTH_PROPERTIES.contains(key) && !key.endsWith("client-id")
                    && !key.endsWith("identity-id") && !key.endsWith("-dir") && !key.endsWith("-path")) {
                Faults.assertNoCanary("settings toString with canary in " + key, text);
            }
            settings.credentials();
            settings.listOptions();
            settings.secretsPaths();
        });
        assertTyped(t, false);
        assertNoCanaryInLogs();
    }

    // ---- (c) list response bodies ----------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> listBody() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "1", "-0.5e9", "\"\"", "[]", "{}",
                "\"" + VALUE + "\"", "\"shared\"", "\"personal\"", "99999999999999999999"),
                Arbitraries.strings().alpha().ofMaxLength(8).map(s -> "\"" + s + "\""));
        Arbitrary<String> field = Combinators.combine(
                Arbitraries.of("secretKey", "secretValue", "secretComment", "version", "type", "environment",
                        "secretPath", "id", "_id", "tags", "secretMetadata", "skipMultilineEncoding"),
                scalar).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> item = Arbitraries.oneOf(
                field.list().ofMaxSize(8).map(fs -> "{" + String.join(",", fs) + "}"),
                scalar,
                Arbitraries.just(Faults.listing("K", VALUE).replaceFirst("^\\{\"secrets\":\\[", "").replaceFirst("\\],\"imports\":\\[\\]\\}$", "")));
        Arbitrary<String> items = item.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> imports = Arbitraries.oneOf(Arbitraries.of("[]", "null", "{}", "1",
                "[{\"secretPath\":\"/x\",\"environment\":\"dev\",\"secrets\":null}]",
                "[{\"secretPath\":\"/x\",\"environment\":\"dev\",\"secrets\":[{\"secretKey\":\"I\",\"secretValue\":\"" + VALUE + "\"}]}]"));
        Arbitrary<String> shaped = Combinators.combine(Arbitraries.oneOf(items, scalar), imports)
                .as((s, i) -> "{\"secrets\":" + s + ",\"imports\":" + i + "}");
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> truncated = shaped.flatMap(s -> Arbitraries.integers().between(0, s.length()).map(n -> s.substring(0, n)));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(shaped.map(PropertyFaultsTest::utf8), noise.map(PropertyFaultsTest::utf8),
                truncated.map(PropertyFaultsTest::utf8), binary,
                Arbitraries.of("<html>CANARY</html>", "\u00ef\u00bb\u00bf{\"secrets\":[]}", "{\"secrets\":[]}garbage")
                        .map(PropertyFaultsTest::utf8));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 150)
    void anyListBodyIsAListingOrATypedFailureAndNeverLeaksAValue(@ForAll("listBody") byte[] body) {
        LIST_BODY.set(body);
        Throwable t = thrown(() -> {
            SecretListing listing = client.secrets().list(Faults.scope(), ListOptions.defaults());
            Faults.assertNoCanary("listing toString", listing.toString());
            listing.secrets().forEach(s -> Faults.assertNoCanary("secret toString", s.toString()));
        });
        assertTyped(t, false);
        assertNoCanaryInLogs();
    }
}
