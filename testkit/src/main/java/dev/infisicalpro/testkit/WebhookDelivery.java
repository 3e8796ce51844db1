package dev.infisicalpro.testkit;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a {@link FakeInfisical} to deliver a webhook: what was sent and what came back.
 * A retried delivery shows up once per attempt, with the same body and signature.
 *
 * <pre>{@code
 * WebhookDelivery d = fake.webhooks().awaitDeliveries(1, Duration.ofSeconds(5)).get(0);
 * assertThat(d.event()).isEqualTo("secrets.modified");
 * assertThat(d.statusCode()).isEqualTo(204);
 * }</pre>
 *
 * @param webhookId the webhook's id
 * @param url       where it was sent
 * @param event     {@code secrets.modified} or {@code test}
 * @param body      the exact request body (UTF-8)
 * @param signature the {@code x-infisical-signature} header value, empty when the webhook has no key
 * @param attempt   1 to 4
 * @param sentAt    when the attempt started (the fake's clock)
 * @param statusCode the receiver's status, 0 when there was no answer (connection error or deadline)
 * @param error     why there was no answer, empty when there was one
 */
public record WebhookDelivery(String webhookId, URI url, String event, String body, Optional<String> signature,
                              int attempt, Instant sentAt, int statusCode, Optional<String> error) {

    /**
     * Checks the components.
     *
     * @param webhookId see the record component
     * @param url see the record component
     * @param event see the record component
     * @param body see the record component
     * @param signature see the record component
     * @param attempt see the record component
     * @param sentAt see the record component
     * @param statusCode see the record component
     * @param error see the record component
     */
    public WebhookDelivery {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(error, "error");
    }

    /**
     * Whether the receiver answered 2xx (the real server's "success").
     *
     * @return whether the receiver answered 2xx
     */
    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
