package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.ChangeRelay;
import dev.infisicalpro.spring.internal.LiveRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The {@code infisical:} imports of one application context as beans: the client and live view each
 * import started (held by {@link InfisicalImportClaims}, which closes them with the context), and their
 * changes relayed as events, including a change between the import's load and the subscription.
 */
final class InfisicalImports implements SmartInitializingSingleton, DisposableBean {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.spring");

    private final ConfigurableEnvironment environment;
    private final ApplicationContext context;
    private final BiConsumer<ApplicationContext, Set<String>> refresher;
    private final InfisicalImportClaims claims;
    // subscriptions by live view (identity); handles kept as AutoCloseable whatever addListener returns
    private final Map<LiveSecrets, AutoCloseable> subscriptions = new IdentityHashMap<>();
    private boolean started;
    private InfisicalClient ownClient;

    InfisicalImports(ConfigurableEnvironment environment, ApplicationContext context,
                     BiConsumer<ApplicationContext, Set<String>> refresher) {
        this.environment = environment;
        this.context = context;
        this.refresher = refresher;
        // normally attached when Boot prepared the context; attached here for contexts built without
        // SpringApplication (ApplicationContextRunner, a plain context with this auto-configuration)
        this.claims = context instanceof ConfigurableApplicationContext c ? InfisicalImportClaims.attach(c) : null;
        if (claims != null) {
            claims.onReconcile(this::resubscribe);
        }
    }

    /** The client of the first (highest precedence) import. */
    Optional<InfisicalClient> client() {
        return first().map(LiveRegistry.Entry::client);
    }

    /** The live view of the first import. */
    Optional<LiveSecrets> live() {
        return first().map(LiveRegistry.Entry::live);
    }

    private Optional<LiveRegistry.Entry> first() {
        List<LiveRegistry.Entry> held = claims == null ? List.of() : claims.entries();
        for (InfisicalPropertySource source : InfisicalPropertySource.in(environment)) {
            for (LiveRegistry.Entry e : held) {
                if (e.live() == source.live()) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** A client the auto-configuration created itself (no import); closed with the context. */
    synchronized InfisicalClient adopt(InfisicalClient client) {
        this.ownClient = client;
        return client;
    }

    @Override
    public void afterSingletonsInstantiated() {
        synchronized (this) {
            started = true;
        }
        resubscribe();
    }

    // one subscription per live view in the environment; after a Spring Cloud refresh new imports are
    // subscribed and replaced ones dropped. Subscribing under the lock is safe: the catch-up event (whose
    // environment refresh comes back here) is delivered on the live view's listener executor, never on this
    // thread, so it simply waits for this call to finish and then finds everything subscribed
    private void resubscribe() {
        List<AutoCloseable> stale = new java.util.ArrayList<>();
        synchronized (this) {
            if (!started) {
                return;
            }
            List<InfisicalPropertySource> sources = InfisicalPropertySource.in(environment);
            Set<LiveSecrets> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            sources.forEach(source -> used.add(source.live()));
            subscriptions.entrySet().removeIf(e -> !used.contains(e.getKey()) && stale.add(e.getValue()));
            for (InfisicalPropertySource source : sources) {
                if (!subscriptions.containsKey(source.live())) {
                    subscriptions.put(source.live(), ChangeRelay.relay(source, context, refresher));
                }
            }
        }
        stale.forEach(InfisicalImports::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable s) {
        try {
            s.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an Infisical listener failed: {0}", e.getClass().getName());
        }
    }

    @Override
    public void destroy() {
        List<AutoCloseable> all;
        InfisicalClient own;
        synchronized (this) {
            started = false;
            all = List.copyOf(subscriptions.values());
            subscriptions.clear();
            own = ownClient;
            ownClient = null;
        }
        all.forEach(InfisicalImports::closeQuietly);
        if (own != null) {
            own.close();
        }
    }
}
