package dev.infisicalpro.examples.push;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import dev.infisicalpro.testkit.Webhooks;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A FakeInfisical that delivers webhooks the way the real server does (2.1 s after a write), a project with
 * {@code dev:/app}, and a way to start {@link PushApplication} instances against it.
 */
final class PushFixture implements AutoCloseable {

    /** The webhook's secret key (never to appear in logs). */
    static final String KEY = "whk-push-example-3c1d";

    final FakeInfisical fake = FakeInfisical.start();
    final FakeProject project = fake.createProject("push-example");
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    PushFixture() {
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", "initial");
        fake.webhooks().delay(Webhooks.REAL_SERVER_DELAY);
    }

    /**
     * Starts an instance on a random port; {@code extra} are further {@code --name=value} arguments. Each
     * instance logs in as its own identity: two instances of one JVM with equal settings would share one live
     * view (the adapter's registry), and a bus test must show that each instance refreshes its own.
     */
    ConfigurableApplicationContext start(String... extra) {
        UniversalAuthCredentials identity = project.createUniversalAuthIdentity("push-app-" + (apps.size() + 1),
                Role.ADMIN, Duration.ofHours(2), Duration.ofDays(1));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--infisical.host-api=" + fake.url(),
                "--infisical.auth.client-id=" + identity.clientId(),
                "--infisical.auth.client-secret=" + identity.clientSecret(),
                "--infisical.project-id=" + project.id(),
                "--infisical.env-slug=dev",
                "--infisical.webhook.secret=" + KEY,
                "--spring.security.user.name=ops",
                "--spring.security.user.password=ops-password"));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PushApplication.class)
                .run(args.toArray(String[]::new));
        apps.add(app);
        return app;
    }

    static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    /** Registers the webhook, as a person does once in Infisical's project settings. */
    void webhookTo(ConfigurableApplicationContext app) {
        project.addWebhook("dev", "/app", URI.create("http://127.0.0.1:" + port(app) + "/infisical/webhook"), KEY);
    }

    /** Milliseconds until {@code value} holds {@code expected}, polled every 5 ms; fails after {@code timeout}. */
    static long millisUntil(Supplier<String> value, String expected, long startNanos, Duration timeout)
            throws InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        while (!expected.equals(value.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("value did not change within " + timeout + " (still '"
                        + (value.get() == null ? "null" : "the old value") + "')");
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).close();
        }
        fake.close();
    }
}
