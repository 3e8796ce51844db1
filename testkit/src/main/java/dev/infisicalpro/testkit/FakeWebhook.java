package dev.infisicalpro.testkit;

import dev.infisicalpro.testkit.internal.Store;

import java.net.URI;
import java.util.Optional;

/**
 * A project webhook registered on a {@link FakeInfisical} (by {@link FakeProject#addWebhook} or by a
 * person over {@code POST /api/v1/webhooks}). The secret key itself is never exposed again.
 *
 * <pre>{@code
 * FakeWebhook hook = project.addWebhook("dev", "/app/**", URI.create(receiverUrl), "key");
 * fake.webhooks().test(hook.id());
 * }</pre>
 */
public final class FakeWebhook {

    private final Store.Webhook hook;

    FakeWebhook(Store.Webhook hook) {
        this.hook = hook;
    }

    /**
     * The webhook id (as the API reports it).
     *
     * @return the webhook id
     */
    public String id() {
        return hook.id;
    }

    /**
     * The project id.
     *
     * @return the project id
     */
    public String projectId() {
        return hook.env.project.id;
    }

    /**
     * The environment slug.
     *
     * @return the environment slug
     */
    public String environment() {
        return hook.env.slug;
    }

    /**
     * The secret path glob (picomatch: {@code /app} fires for {@code /app} only, {@code /app/**} for it and below).
     *
     * @return the secret path glob
     */
    public String secretPath() {
        return hook.secretPath;
    }

    /**
     * Where deliveries go.
     *
     * @return the target URL
     */
    public URI url() {
        return hook.url;
    }

    /**
     * Whether deliveries are signed (a non-blank key was given).
     *
     * @return whether deliveries carry {@code x-infisical-signature}
     */
    public boolean signed() {
        return !hook.secretKey.isEmpty();
    }

    /**
     * The outcome of the last delivery: {@code success} or {@code failed}; empty before the first.
     *
     * @return the last status
     */
    public Optional<String> lastStatus() {
        return Optional.ofNullable(hook.lastStatus);
    }

    @Override
    public String toString() {
        return "FakeWebhook[id=" + hook.id + ", " + hook.env.slug + ":" + hook.secretPath + " -> " + hook.url + "]";
    }
}
