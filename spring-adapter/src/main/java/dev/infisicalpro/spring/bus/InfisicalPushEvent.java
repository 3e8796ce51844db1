package dev.infisicalpro.spring.bus;

import dev.infisicalpro.webhook.WebhookEvent;
import org.springframework.cloud.bus.event.RemoteApplicationEvent;

import java.time.Instant;

/**
 * A verified Infisical webhook, sent over Spring Cloud Bus to every instance so that each refreshes its
 * matching live views, the way Spring Cloud Config Monitor fans out a Git push. Carries the project id,
 * environment and folder of the change, never a secret name or value, key or signature.
 *
 * <p>Published by the instance that received the webhook when {@code spring-cloud-bus} (with a binder, e.g.
 * {@code spring-cloud-starter-bus-kafka}) is on the class path; applications need not touch it, but may listen
 * for it:
 * <pre>{@code
 * @EventListener
 * void onPush(InfisicalPushEvent push) {
 *     log.info("Infisical change in " + push.getEnvironment() + ":" + push.getSecretPath());
 * }
 * }</pre>
 */
public class InfisicalPushEvent extends RemoteApplicationEvent {
    private static final long serialVersionUID = 1L;

    /** The webhook's {@code event}, e.g. {@code secrets.modified}. */
    private String eventType;
    /** The project (workspace) id. */
    private String projectId;
    /** The environment slug. */
    private String environment;
    /** The folder that changed. */
    private String secretPath;
    /** When Infisical signed the webhook (epoch millis). */
    private long signedAt;

    @SuppressWarnings("unused")
    private InfisicalPushEvent() {
        // for the bus's JSON deserialisation
    }

    /**
     * A signed push event for the views this notification concerns.
     *
     * @param source        the publishing bean
     * @param originService this instance's bus id ({@code spring.cloud.bus.id})
     * @param event         the verified webhook
     */
    public InfisicalPushEvent(Object source, String originService, WebhookEvent event) {
        super(source, originService, () -> "**");   // every instance
        this.eventType = event.type();
        this.projectId = event.projectId();
        this.environment = event.environment();
        this.secretPath = event.secretPath();
        this.signedAt = event.timestamp().toEpochMilli();
    }

    /**
     * The webhook's {@code event}, e.g. {@code secrets.modified}.
     *
     * @return the event type, e.g. {@code secrets.modified}
     */
    public String getEventType() {
        return eventType;
    }

    /**
     * The project (workspace) id.
     *
     * @return the project id of the change
     */
    public String getProjectId() {
        return projectId;
    }

    /**
     * The environment slug.
     *
     * @return the environment slug of the change
     */
    public String getEnvironment() {
        return environment;
    }

    /**
     * The folder that changed ({@code ""} when the webhook named none).
     *
     * @return the folder path, or {@code ""}
     */
    public String getSecretPath() {
        return secretPath;
    }

    /**
     * When Infisical signed the webhook (epoch millis).
     *
     * @return the signing time in milliseconds since the epoch
     */
    public long getSignedAt() {
        return signedAt;
    }

    /**
     * The webhook event this message carries.
     *
     * @return the event, for {@link dev.infisicalpro.webhook.WebhookReceiver#refresh(WebhookEvent)}
     */
    public WebhookEvent toWebhookEvent() {
        return new WebhookEvent(eventType, projectId, environment, secretPath == null ? "" : secretPath,
                Instant.ofEpochMilli(signedAt));
    }

    @Override
    public String toString() {
        return "InfisicalPushEvent[" + eventType + " " + environment + ":" + secretPath + ", project " + projectId
                + ", from " + getOriginService() + "]";
    }
}
