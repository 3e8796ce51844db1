package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.ChangeRelay;
import dev.infisicalpro.spring.internal.LiveRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The {@code infisical:} imports of one application context: claims the client and live view each
 * import started (so they become beans and close with the context), relays their changes as events.
 */
final class InfisicalImports implements SmartInitializingSingleton, DisposableBean {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.spring");

    private final ConfigurableEnvironment environment;
    private final ApplicationContext context;
    private final BiConsumer<ApplicationContext, Set<String>> refresher;
    private final List<LiveRegistry.Entry> claimed = new ArrayList<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private InfisicalClient ownClient;

    InfisicalImports(ConfigurableEnvironment environment, ApplicationContext context,
                     BiConsumer<ApplicationContext, Set<String>> refresher) {
        this.environment = environment;
        this.context = context;
        this.refresher = refresher;
        for (InfisicalPropertySource source : InfisicalPropertySource.in(environment)) {
            LiveRegistry.find(source.live()).ifPresent(entry -> {
                if (!claimed.contains(entry)) {
                    LiveRegistry.claim(entry);
                    claimed.add(entry);
                }
            });
        }
    }

    /** The client of the first import. */
    Optional<InfisicalClient> client() {
        return claimed.stream().findFirst().map(LiveRegistry.Entry::client);
    }

    /** The live view of the first import. */
    Optional<LiveSecrets> live() {
        return claimed.stream().findFirst().map(LiveRegistry.Entry::live);
    }

    /** A client the auto-configuration created itself (no import); closed with the context. */
    synchronized InfisicalClient adopt(InfisicalClient client) {
        this.ownClient = client;
        return client;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (InfisicalPropertySource source : InfisicalPropertySource.in(environment)) {
            subscriptions.add(ChangeRelay.relay(source, context, refresher));
        }
    }

    @Override
    public synchronized void destroy() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing an Infisical listener failed", e);
            }
        }
        subscriptions.clear();
        claimed.forEach(LiveRegistry::release);
        claimed.clear();
        if (ownClient != null) {
            ownClient.close();
            ownClient = null;
        }
    }
}
