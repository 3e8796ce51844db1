package dev.infisicalpro.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One verified webhook delivery: what Infisical says changed. It names a project, an environment and a
 * folder, never a secret name or value.
 *
 * <pre>{@code
 * if (result instanceof WebhookResult.Accepted a) {
 *     log.info("push for " + a.event().environment() + ":" + a.event().secretPath());
 * }
 * }</pre>
 *
 * @param type        the {@code event} field as sent, e.g. {@code secrets.modified}
 * @param projectId   project (workspace) id: {@code project.workspaceId}, else {@code project.projectId}
 * @param environment environment slug
 * @param secretPath  the folder as sent (a test delivery sends the webhook's configured path, which may be a
 *                    glob such as {@code /app/**}); {@code ""} when the delivery named none
 * @param timestamp   when the server signed the delivery (the signed body's {@code timestamp})
 */
public record WebhookEvent(String type, String projectId, String environment, String secretPath, Instant timestamp) {

    /** Event type of a secret created, updated or deleted (single or bulk). */
    public static final String SECRETS_MODIFIED = "secrets.modified";
    /** Event type of the "test" button in Infisical's webhook settings. */
    public static final String TEST = "test";
    /** Event type newer servers send when a secret rotation failed. */
    public static final String ROTATION_FAILED = "secrets.rotation-failed";

    /**
     * Checks that no component is null.
     *
     * @param type the {@code event} field as sent
     * @param projectId project (workspace) id
     * @param environment environment slug
     * @param secretPath the folder as sent
     * @param timestamp when the server signed the delivery
     */
    public WebhookEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(secretPath, "secretPath");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * True for the settings page's test delivery, which signals no change.
     *
     * @return whether this is a test delivery
     */
    public boolean isTest() {
        return TEST.equals(type);
    }

    @Override
    public String toString() {
        return type + " " + environment + ":" + (secretPath.isEmpty() ? "(no path)" : secretPath)
                + " (project " + projectId + ")";
    }
}
