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
    private static final AutoCloseable SUBSCRIBING = () -> { };

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
    // subscribed and replaced ones dropped
    private void resubscribe() {
        List<InfisicalPropertySource> sources;
        Map<LiveSecrets, AutoCloseable> stale = new IdentityHashMap<>();
        List<InfisicalPropertySource> fresh = new java.util.ArrayList<>();
        synchronized (this) {
            if (!started) {
                return;
            }
            sources = InfisicalPropertySource.in(environment);
            stale.putAll(subscriptions);
            for (InfisicalPropertySource source : sources) {
                if (stale.remove(source.live()) == null && !subscriptions.containsKey(source.live())) {
                    fresh.add(source);
                }
            }
            stale.keySet().forEach(subscriptions::remove);
            // reserved first: relaying publishes a catch-up event, whose refresh comes back here
            fresh.forEach(source -> subscriptions.put(source.live(), SUBSCRIBING));
        }
        stale.values().forEach(InfisicalImports::closeQuietly);
        for (InfisicalPropertySource source : fresh) {
            AutoCloseable s = ChangeRelay.relay(source, context, refresher);
            boolean kept;
            synchronized (this) {
                kept = subscriptions.replace(source.live(), SUBSCRIBING, s);
            }
            if (!kept) {
                closeQuietly(s);   // destroyed or replaced meanwhile
            }
        }
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
