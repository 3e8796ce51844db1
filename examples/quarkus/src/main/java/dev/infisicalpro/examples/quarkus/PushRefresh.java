package dev.infisicalpro.examples.quarkus;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.microprofile.InfisicalConfigSource;
import dev.infisicalpro.webhook.WebhookReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Push refresh for MicroProfile: one {@link WebhookReceiver} over the live views behind the Infisical config
 * sources, on when {@code infisical.webhook.secret} ({@code INFISICAL_WEBHOOK_SECRET}) is set.
 */
@ApplicationScoped
public class PushRefresh {

    private final Optional<WebhookReceiver> receiver;

    @Inject
    public PushRefresh(Config config) {
        this.receiver = config.getOptionalValue("infisical.webhook.secret", String.class)
                .filter(key -> !key.isBlank())
                .map(key -> WebhookReceiver.builder().secretKey(key).views(() -> liveViews(config)).build());
    }

    /** The receiver; empty when no webhook key is configured. */
    public Optional<WebhookReceiver> receiver() {
        return receiver;
    }

    private static List<LiveSecrets> liveViews(Config config) {
        List<LiveSecrets> views = new ArrayList<>();
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof InfisicalConfigSource infisical) {
                views.add(infisical.liveSecrets());
            }
        }
        return views;
    }
}
