package dev.infisicalpro.examples.plain;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretChange;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.SecretUpdate;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The plain-Java demo: reads secrets through {@link LiveSecrets}, prints them with masked values,
 * changes one and shows the change event.
 *
 * <p>With {@code INFISICAL_API_URL} unset it starts the embedded {@code FakeInfisical} with demo
 * data, so it needs no account and no credentials. With {@code INFISICAL_API_URL} and credentials
 * set (the configuration contract's names, e.g. {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_ID},
 * {@code -Dinfisical.env-slug=dev}) it reads that server and changes nothing there.
 */
public final class PlainJavaDemo {

    private PlainJavaDemo() {
    }

    /** Entry point of {@code java -jar examples/plain-java/target/infisical-pro-demo.jar}. */
    public static void main(String[] args) throws Exception {
        try {
            run(PropertyLookup.systemProperties(), PropertyLookup.environmentVariables(), System.out);
        } catch (InfisicalException e) {
            // The library's messages carry the fix and never a secret: show them, not a stack trace.
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** The demo, with its inputs and output injectable so a test can drive it. */
    static void run(PropertyLookup properties, PropertyLookup environment, PrintStream out) throws Exception {
        boolean embedded = environment.get("INFISICAL_API_URL").isEmpty()
                && properties.get(InfisicalSettings.HOST_API).isEmpty();
        try (EmbeddedServer server = embedded ? EmbeddedServer.start() : null) {
            InfisicalSettings settings;
            if (embedded) {
                out.println("INFISICAL_API_URL is not set: started the embedded FakeInfisical at "
                        + server.apiUrl() + " with demo data (no credentials needed).");
                settings = InfisicalSettings.load(PropertyLookup.of(server.settings()), name -> Optional.empty());
            } else {
                settings = InfisicalSettings.load(properties, environment);
                out.println("Using the Infisical server at " + settings.hostApi() + ".");
            }
            demo(settings, embedded, out);
        }
    }

    private static void demo(InfisicalSettings settings, boolean mayWrite, PrintStream out) throws Exception {
        try (InfisicalClient client = settings.newClient();
             LiveSecrets live = settings.live(client).resyncInterval(Duration.ZERO).start()) {
            SecretQueryPrinter.print(live.snapshot(), live, out);

            if (!mayWrite) {
                out.println("Real server: read-only demo, nothing was changed.");
                return;
            }
            BlockingQueue<SecretChange> changes = new ArrayBlockingQueue<>(4);
            live.addListener(changes::add);

            // Rotate a secret through the API, as an operator would, then let the live view notice.
            String key = "DB_PASSWORD";
            client.secrets().update(live.query().scope(live.query().paths().get(0)), key,
                    SecretUpdate.value("rotated-" + Long.toHexString(System.nanoTime())));
            out.println("Rotated " + key + " in Infisical; refreshing...");
            live.refreshNow();
            SecretChange change = changes.poll(10, TimeUnit.SECONDS);
            if (change == null) {
                throw new IllegalStateException("no change event arrived within 10 s");
            }
            out.println("Change event: added=" + change.added() + " removed=" + change.removed()
                    + " changed=" + change.changed());
            out.println(key + " is now " + mask(live.get(key)));
        }
    }

    /** Shows that a value exists without showing it. */
    static String mask(String value) {
        return value.isEmpty() ? "(empty)" : "****** (" + value.length() + " chars)";
    }

    /** Prints the effective secrets of a snapshot, masked, with their provenance. */
    private static final class SecretQueryPrinter {
        static void print(SecretSnapshot snapshot, LiveSecrets live, PrintStream out) {
            out.println("Secrets of " + live.query() + ":");
            Map<String, Secret> sorted = new TreeMap<>(snapshot.secrets());
            sorted.forEach((key, secret) ->
                    out.println("  " + key + " = " + mask(secret.value()) + "   from " + secret.source()));
            var status = live.status();
            out.println("Status: loaded=" + status.loaded() + ", healthy=" + status.healthy() + ", stale="
                    + status.stale() + ", age=" + status.age().toMillis() + " ms");
        }
    }
}
