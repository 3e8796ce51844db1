package dev.infisicalpro.testkit.internal;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.FakeWebhook;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.SeedResult;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import dev.infisicalpro.testkit.Webhooks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Stand-alone FakeInfisical, a local development server for any language:
 * {@code java -jar infisical-pro-testkit-<v>-standalone.jar --port 8080 [--seed seed.json]
 * [--generation OCT24|CURRENT] [--host 127.0.0.1] [--rate-limits] [--webhook-delay-ms 2100]}. Prints the URL and every credential
 * it created (that is its purpose: the data is throw-away). Without a seed file it seeds a demo project.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The JDK server writes headers and body in separate segments; with Nagle on, a client's delayed
        // ACK stalls every response by ~40 ms. The JDK reads this once, so only the stand-alone process
        // sets it: as a library the fake leaves the user's JVM settings alone.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        FakeInfisical fake;
        try {
            fake = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (fake == null) {
            return; // --help
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-infisical-shutdown"));
        System.out.println("Press Ctrl+C to stop.");
        stopped.await();
    }

    static String usage() {
        return "usage: java -jar infisical-pro-testkit-standalone.jar [--port 8080] [--host 127.0.0.1]"
                + " [--seed seed.json] [--generation OCT24|CURRENT] [--rate-limits] [--webhook-delay-ms 2100]";
    }

    /** Parses the arguments, starts the server, prints URL and credentials; {@code null} after --help. */
    public static FakeInfisical run(String[] args, PrintStream out) {
        int port = 8080;
        String host = "127.0.0.1";
        Path seed = null;
        Generation generation = Generation.OCT24;
        boolean rateLimits = false;
        Duration webhookDelay = Webhooks.REAL_SERVER_DELAY;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--host" -> host = value(args, ++i, a);
                case "--seed" -> seed = Path.of(value(args, ++i, a));
                case "--generation" -> generation = Generation.valueOf(value(args, ++i, a).toUpperCase(Locale.ROOT));
                case "--rate-limits" -> rateLimits = true;
                case "--webhook-delay-ms" -> webhookDelay = Duration.ofMillis(Long.parseLong(value(args, ++i, a)));
                case "--help", "-h" -> {
                    out.println(usage());
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (seed != null && !Files.isRegularFile(seed)) {
            throw new IllegalArgumentException("seed file not found: " + seed);
        }
        FakeInfisical fake = FakeInfisical.builder().port(port).host(host).generation(generation)
                .rateLimits(rateLimits).webhookDelay(webhookDelay).start();
        SeedResult seeded = seed != null ? fake.seed(seed) : demo(fake);
        out.println("FakeInfisical (" + generation + ") listening on " + fake.url());
        out.println("API URL:   " + fake.apiUrl() + "   (INFISICAL_API_URL)");
        for (FakeProject p : seeded.projects()) {
            out.println("Project:   " + p.name() + "  id=" + p.id() + "  slug=" + p.slug() + "  environments="
                    + p.environments());
        }
        for (FakeProject p : seeded.projects()) {
            for (FakeWebhook w : p.webhooks()) {
                out.println("Webhook:   " + w.id() + "  " + w.environment() + ":" + w.secretPath() + " -> " + w.url()
                        + (w.signed() ? "  (signed)" : "  (unsigned)") + "  delay=" + fake.webhooks().delay().toMillis()
                        + " ms");
            }
            out.println("Person session for project " + p.slug() + " (webhook routes only): "
                    + p.createUserSession("developer@localhost"));
        }
        for (ServiceTokenCredentials st : seeded.serviceTokens()) {
            out.println("Service token '" + st.name() + "' (project " + st.projectId() + "): " + st.token());
        }
        for (UniversalAuthCredentials ua : seeded.universalAuth()) {
            out.println("Universal auth identity " + ua.identityId() + ": clientId=" + ua.clientId()
                    + "  clientSecret=" + ua.clientSecret());
        }
        for (String id : seeded.kubernetesIdentityIds()) {
            out.println("Kubernetes auth identity: " + id);
        }
        out.flush();
        return fake;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** The demo project used when no seed file is given. */
    static SeedResult demo(FakeInfisical fake) {
        FakeProject p = fake.createProject("demo");
        p.putSecret("dev", "/", "DB_HOST", "localhost");
        p.putSecret("dev", "/", "DB_PASSWORD", "dev-password");
        p.putSecret("dev", "/", "DB_URL", "postgres://${DB_HOST}:5432/app");
        p.putSecret("dev", "/app", "API_KEY", "dev-api-key");
        p.putSecret("staging", "/", "DB_PASSWORD", "staging-password");
        p.putSecret("staging", "/shared", "FEATURE_FLAG", "on");
        p.putSecret("prod", "/", "DB_PASSWORD", "prod-password");
        p.addImport("dev", "/app", "staging", "/shared");
        ServiceTokenCredentials st = p.createServiceToken("demo-token", List.of(TokenScope.of("dev", "/**")),
                EnumSet.of(Permission.READ, Permission.WRITE));
        UniversalAuthCredentials ua = p.createUniversalAuthIdentity("demo-app", Role.ADMIN, Duration.ofDays(1),
                Duration.ofDays(30));
        return new SeedResult(List.of(p), List.of(st), List.of(ua), List.of());
    }
}
