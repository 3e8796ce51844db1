package dev.infisicalpro.webhook;

import dev.infisicalpro.internal.webhook.Hmac;

import java.util.Objects;

/**
 * Infisical's webhook signature: header {@code x-infisical-signature: t=<epoch millis>;<hex>}, where
 * {@code hex} is the lowercase hex HMAC-SHA256 of the raw request body keyed with the UTF-8 bytes of the
 * (trimmed) webhook secret key. For tests and tools that play Infisical's part; receiving is
 * {@link WebhookReceiver}'s job.
 *
 * <pre>{@code
 * byte[] body = "{\"event\":\"test\",...}".getBytes(StandardCharsets.UTF_8);
 * String header = WebhookSignature.header("my-webhook-key", body, System.currentTimeMillis());
 * }</pre>
 */
public final class WebhookSignature {

    /** The header's name (HTTP header names are case-insensitive). */
    public static final String HEADER = "x-infisical-signature";

    private WebhookSignature() {
    }

    /**
     * The header value Infisical would send for {@code body} signed at {@code epochMillis}.
     *
     * @param secretKey the webhook's secret key
     * @param body the exact body bytes
     * @param epochMillis the signing time, in milliseconds since the epoch
     * @return the {@code x-infisical-signature} value, {@code t=<millis>;<hex HMAC-SHA256>}
     */
    public static String header(String secretKey, byte[] body, long epochMillis) {
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(body, "body");
        return "t=" + epochMillis + ";" + Hmac.hex(Hmac.key(secretKey), body);
    }
}
