package dev.infisicalpro.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link WebhookReceiver} has seen, for health endpoints: counts, the last verified push and the
 * last rejected request. Holds no key, signature or secret value.
 *
 * <pre>{@code
 * receiver.stats().lastPush().ifPresent(p -> health.put("lastPush", p.receivedAt().toString()));
 * }</pre>
 *
 * @param received      verified deliveries (accepted, forwarded or ignored)
 * @param rejected      rejected requests
 * @param lastPush      the last verified delivery
 * @param lastRejection the last rejected request
 */
public record WebhookStats(long received, long rejected, Optional<Push> lastPush, Optional<Rejection> lastRejection) {

    /**
     * Checks for nulls.
     *
     * @param received verified deliveries
     * @param rejected rejected requests
     * @param lastPush the last verified delivery, or empty
     * @param lastRejection the last rejected request, or empty
     */
    public WebhookStats {
        Objects.requireNonNull(lastPush, "lastPush");
        Objects.requireNonNull(lastRejection, "lastRejection");
    }

    /**
     * A verified delivery.
     *
     * @param receivedAt when it arrived (the receiver's clock)
     * @param event      what it said
     * @param outcome    what was done, e.g. {@code refreshing 2 view(s)}
     */
    public record Push(Instant receivedAt, WebhookEvent event, String outcome) {
    }

    /**
     * A rejected request.
     *
     * @param at     when it arrived
     * @param reason why it was rejected
     */
    public record Rejection(Instant at, WebhookResult.RejectReason reason) {
    }
}
