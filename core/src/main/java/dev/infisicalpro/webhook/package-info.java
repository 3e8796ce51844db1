/**
 * Push refresh: receive Infisical's signed project webhooks and refresh the live views they concern at once,
 * so a change is visible in seconds while polling ({@code resync-interval}) stays as a slow safety net.
 *
 * <p>{@link dev.infisicalpro.webhook.WebhookReceiver} is framework-neutral: any HTTP server hands it the
 * {@code x-infisical-signature} header and the raw body and answers with the status it returns.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .secretKey(System.getenv("INFISICAL_WEBHOOK_SECRET"))
 *         .build();
 * receiver.register(live);
 * // in a request handler:
 * WebhookResult result = receiver.receive(signatureHeader, WebhookReceiver.readBody(requestBody));
 * respond(result.httpStatus());
 * }</pre>
 */
@NullMarked
package dev.infisicalpro.webhook;

import org.jspecify.annotations.NullMarked;
