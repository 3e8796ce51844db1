package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.LiveRegistry;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;

import java.util.List;

/**
 * Loads an {@code infisical:} import: creates the client, loads the secrets once (per
 * {@code infisical.fail-fast}; an {@code optional:} import never fails and keeps retrying in the
 * background when the server is down) and returns one {@link InfisicalPropertySource} named after the
 * import. The client and live view become beans through {@link InfisicalAutoConfiguration}; a repeated
 * load of the same import (a Spring Cloud refresh) reuses the running live view.
 */
public class InfisicalConfigDataLoader implements ConfigDataLoader<InfisicalConfigDataResource> {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.spring");

    @Override
    public ConfigData load(ConfigDataLoaderContext context, InfisicalConfigDataResource resource) {
        return load(resource);
    }

    ConfigData load(InfisicalConfigDataResource resource) {
        if (resource.disabled()) {
            return ConfigData.EMPTY;
        }
        try {
            InfisicalSettings settings = resource.settings().orElseThrow(() -> resource.settingsError().orElseThrow());
            boolean failFast = settings.failFast() && !resource.optional();
            LiveRegistry.Entry entry = LiveRegistry.acquire(resource.key(), () -> start(settings, failFast));
            return new ConfigData(List.of(new InfisicalPropertySource(resource.location(), entry.live())));
        } catch (InfisicalException e) {
            if (resource.optional()) {
                LOG.log(System.Logger.Level.WARNING, "Skipping optional:{0}: {1}", resource.location(), e.getMessage());
                return ConfigData.EMPTY;
            }
            throw new InfisicalConfigDataException(resource.location(), e);
        }
    }

    private static LiveRegistry.Created start(InfisicalSettings settings, boolean failFast) {
        InfisicalClient client = settings.newClient();
        try {
            LiveSecrets live = settings.live(client).failFast(failFast).start();
            return new LiveRegistry.Created(client, live);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
