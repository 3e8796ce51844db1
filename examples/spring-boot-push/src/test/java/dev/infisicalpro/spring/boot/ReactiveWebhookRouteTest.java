package dev.infisicalpro.spring.boot;

import dev.infisicalpro.webhook.WebhookReceiver;
import dev.infisicalpro.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;

/**
 * The WebFlux variant of the endpoint (the app itself runs on Spring MVC): same answers, body read raw and
 * capped. In the adapter's package because the route factory is not API.
 */
class ReactiveWebhookRouteTest {

    static final String KEY = "whk-reactive-2b9a";

    @Test
    void answersLikeTheServletEndpoint() {
        WebhookReceiver receiver = WebhookReceiver.builder().secretKey(KEY).build();
        WebTestClient client = WebTestClient.bindToRouterFunction(
                InfisicalWebhookReactiveRoutes.reactive("/infisical/webhook", receiver)).build();
        long now = System.currentTimeMillis();
        String body = "{\"event\":\"secrets.modified\",\"project\":{\"workspaceId\":\"p1\",\"environment\":\"dev\","
                + "\"secretPath\":\"/app\"},\"timestamp\":" + now + "}";
        String signature = WebhookSignature.header(KEY, body.getBytes(StandardCharsets.UTF_8), now);

        client.post().uri("/infisical/webhook").header(WebhookSignature.HEADER, signature).bodyValue(body)
                .exchange().expectStatus().isNoContent();
        client.post().uri("/infisical/webhook").bodyValue(body).exchange().expectStatus().isUnauthorized();
        client.post().uri("/infisical/webhook").header(WebhookSignature.HEADER, signature)
                .bodyValue(body.replace("dev", "prd")).exchange().expectStatus().isUnauthorized();
        String signedJunk = "not json";
        client.post().uri("/infisical/webhook")
                .header(WebhookSignature.HEADER, WebhookSignature.header(KEY, signedJunk.getBytes(StandardCharsets.UTF_8), now))
                .bodyValue(signedJunk).exchange().expectStatus().isBadRequest();
        client.post().uri("/infisical/webhook").header(WebhookSignature.HEADER, signature)
                .bodyValue("x".repeat(WebhookReceiver.MAX_BODY_BYTES + 10)).exchange()
                .expectStatus().isEqualTo(413);
        client.get().uri("/infisical/webhook").exchange().expectStatus().isNotFound();
        org.assertj.core.api.Assertions.assertThat(receiver.stats().rejected()).isEqualTo(4);
    }
}
