package dev.infisicalpro.testkit;

import dev.infisicalpro.testkit.internal.WebhookDispatcher;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Webhook deliveries of a {@link FakeInfisical}: settings, the record of every attempt, and the test
 * event. Deliveries behave like the real server's: the body
 * {@code {"event":"secrets.modified","project":{"workspaceId":…,"environment":…,"secretPath":…},"timestamp":…}}
 * (compact; {@link Generation#CURRENT} adds {@code projectId}, {@code projectName} and
 * {@code environmentName}), the header {@code x-infisical-signature: t=<millis>;<hex HMAC-SHA256>} when
 * the webhook has a key, changes to one folder within the {@link #delay(Duration) delay} coalesced into
 * one event, importing and referencing folders' webhooks fired one delay later, and up to four attempts
 * on a 5xx or network error (200/400/800 ms apart, 15 s overall) before the event is dropped.
 *
 * <pre>{@code
 * FakeWebhook hook = project.addWebhook("dev", "/app/**", URI.create("http://127.0.0.1:8081/hook"), "key");
 * project.putSecret("dev", "/app", "DB_PASSWORD", "new");
 * List<WebhookDelivery> sent = fake.webhooks().awaitDeliveries(1, Duration.ofSeconds(5));
 * }</pre>
 */
public final class Webhooks {

    /** The real server's delay between a write and its delivery (about 2.1 s, observed). */
    public static final Duration REAL_SERVER_DELAY = WebhookDispatcher.REAL_DELAY;

    private final WebhookDispatcher dispatcher;

    Webhooks(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Sets the delay between a write and its delivery (default zero, so tests run fast; use
     * {@link #REAL_SERVER_DELAY} to see the real timing). Changes to one folder within the delay
     * coalesce into one delivery.
     *
     * @param delay the delay, zero or more
     * @return this
     */
    public Webhooks delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        dispatcher.delay(delay);
        return this;
    }

    /**
     * The delay between a write and its delivery.
     *
     * @return the delay
     */
    public Duration delay() {
        return dispatcher.delay();
    }

    /**
     * Every delivery attempt so far, oldest first (retries appear once per attempt).
     *
     * @return the attempts
     */
    public List<WebhookDelivery> deliveries() {
        return dispatcher.deliveries();
    }

    /**
     * Waits until at least {@code count} attempts were made or the timeout passed, and returns all
     * attempts so far (possibly fewer than {@code count}: assert on the size).
     *
     * @param count   attempts to wait for
     * @param timeout how long to wait at most
     * @return the attempts so far
     */
    public List<WebhookDelivery> awaitDeliveries(int count, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return dispatcher.await(count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return dispatcher.deliveries();
        }
    }

    /**
     * Waits until no event is scheduled and no delivery is under way, e.g. before asserting that a
     * change did <em>not</em> fire.
     *
     * @param timeout how long to wait at most
     * @return whether the fake became idle within the timeout
     */
    public boolean awaitIdle(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        try {
            return dispatcher.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Forgets the recorded attempts. */
    public void clearDeliveries() {
        dispatcher.clear();
    }

    /**
     * Sends the webhook's test event now, once, on the calling thread (as
     * {@code POST /api/v1/webhooks/:id/test} does): {@code "event":"test"} and the webhook's own,
     * possibly glob, path.
     *
     * @param webhookId the webhook id
     * @return the attempt
     * @throws IllegalArgumentException if there is no such webhook
     */
    public WebhookDelivery test(String webhookId) {
        Objects.requireNonNull(webhookId, "webhookId");
        return dispatcher.test(webhookId);
    }
}
