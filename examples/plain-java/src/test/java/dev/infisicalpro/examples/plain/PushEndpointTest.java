package dev.infisicalpro.examples.plain;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import dev.infisicalpro.testkit.WebhookDelivery;
import dev.infisicalpro.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FakeInfisical's real-shaped webhooks reach a live view through the JDK HttpServer endpoint of the README. */
class PushEndpointTest {

    static final String KEY = "whk-plain-java-8e2f";

    @Test
    void aWebhookRefreshesTheLiveViewThatNeverPolls() throws Exception {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject project = fake.createProject("push-plain");
            project.putSecret("dev", "/app", "API_KEY", "v1");
            UniversalAuthCredentials id = project.createUniversalAuthIdentity("plain", Role.ADMIN, Duration.ofHours(1),
                    Duration.ofHours(2));
            try (InfisicalClient client = InfisicalClient.builder().host(fake.url())
                    .credentials(Credentials.universalAuth(id.clientId(), id.clientSecret())).build();
                 LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(project.id()), "dev", "/app"))
                         .resyncInterval(Duration.ZERO).start()) {
                WebhookReceiver receiver = WebhookReceiver.builder().secretKey(KEY).build();
                receiver.register(live);
                try (PushEndpoint endpoint = PushEndpoint.start(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), receiver)) {
                    project.addWebhook("dev", "/app",
                            URI.create("http://127.0.0.1:" + endpoint.port() + "/infisical/webhook"), KEY);

                    project.putSecret("dev", "/app", "API_KEY", "v2");
                    List<WebhookDelivery> sent = fake.webhooks().awaitDeliveries(1, Duration.ofSeconds(10));
                    assertThat(sent).hasSize(1);
                    assertThat(sent.get(0).statusCode()).isEqualTo(204);
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (!live.get("API_KEY").equals("v2") && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertThat(live.get("API_KEY")).isEqualTo("v2");

                    // a webhook signed with another key changes nothing and is answered 401
                    project.addWebhook("dev", "/app",
                            URI.create("http://127.0.0.1:" + endpoint.port() + "/infisical/webhook"), "not-our-key");
                    fake.webhooks().clearDeliveries();
                    project.putSecret("dev", "/app", "OTHER", "x");
                    assertThat(fake.webhooks().awaitDeliveries(2, Duration.ofSeconds(10)))
                            .extracting(WebhookDelivery::statusCode).containsExactlyInAnyOrder(204, 401);
                }
            }
        }
    }
}
