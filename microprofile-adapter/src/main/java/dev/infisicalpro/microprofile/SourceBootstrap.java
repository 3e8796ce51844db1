package dev.infisicalpro.microprofile;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.internal.SharedLiveViews;

import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The start-up decisions shared by the SmallRye factory and the plain MicroProfile provider. Not API.
 *
 * <ol>
 *   <li>{@code infisical.enabled=false}: no source.</li>
 *   <li>While Quarkus builds the application ({@link QuarkusBuildCheck}): no source; secrets are
 *       runtime data.</li>
 *   <li>No auth setting at all (no {@code infisical.auth.*} property and none of the Infisical
 *       environment variables that carry credentials): no source and one INFO line, so adding the jar
 *       to an app that is not configured yet breaks nothing.</li>
 *   <li>Otherwise the settings must be complete: a {@link dev.infisicalpro.ValidationException}
 *       naming the keys otherwise, whatever {@code infisical.fail-fast} says (retrying cannot fix
 *       configuration).</li>
 *   <li>The first load follows {@code infisical.fail-fast}: {@code true} throws the
 *       {@link dev.infisicalpro.InfisicalException} (its message carries the fix); {@code false}
 *       gives an empty source that fills when a background retry succeeds.</li>
 *   <li>Equal settings share one started live view (core's {@link SharedLiveViews}; config is rebuilt
 *       on Quarkus dev-mode reloads and by its test launcher); each config gets its own source holding a
 *       lease, and the view stops with the last lease.</li>
 * </ol>
 *
 * <p>What is MicroProfile's own stays here: nothing in MicroProfile Config closes sources, so a lease is
 * also released when its source becomes unreachable (a Cleaner), and whatever is still open closes at
 * JVM exit (a shutdown hook, registered only while a view is open).
 */
final class SourceBootstrap {

    private static final System.Logger LOG = System.getLogger(InfisicalConfigSourceFactory.class.getName());

    /** Live views by settings fingerprint; the hook is registered while any is open or loading. */
    private static final SharedLiveViews<SourceView> VIEWS =
            new SharedLiveViews<>(SourceBootstrap::registerShutdownHook, SourceBootstrap::unregisterShutdownHook);

    /**
     * Releases the lease of a source that became unreachable without being closed. Created on first
     * use, with the JDK's default thread (an innocuous daemon without context class loader or
     * inherited access-control context, so it pins no application class loader).
     */
    private static final class Cleanup {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** Closes what is still open when the JVM exits; registered only while {@link #VIEWS} is not empty. */
    private static Thread shutdownHook; // guarded by SourceBootstrap.class

    /** "Not configured" lines already logged: one per distinct situation per JVM. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    /** What each shared view keeps for its sources. */
    private record SourceView(int ordinal, String project, Set<String> reportedCollisions) {
    }

    private SourceBootstrap() {
    }

    /**
     * The source these settings ask for, or empty (disabled or not configured at all).
     *
     * @param properties  contract names ({@code infisical.env-slug}, ...)
     * @param environment the Infisical environment variable names ({@code INFISICAL_API_URL}, ...)
     * @param origin      where the settings were read, for the INFO line
     */
    static Optional<InfisicalConfigSource> create(PropertyLookup properties, PropertyLookup environment,
                                                  String origin) {
        if (InfisicalSettings.disabled(properties, environment)) {
            LOG.log(Level.DEBUG, "Infisical config source disabled (" + InfisicalSettings.ENABLED + "=false)");
            return Optional.empty();
        }
        if (QuarkusBuildCheck.calledDuringQuarkusBuild()) {
            // Secrets are runtime data: never fetch them on the build machine, and never let Quarkus
            // record a value it saw while building into the application.
            LOG.log(Level.DEBUG, "Infisical config source skipped while Quarkus builds the application");
            return Optional.empty();
        }
        if (!InfisicalSettings.authConfigured(properties, environment)) {
            String message = notConfiguredMessage(properties, environment, origin);
            // once per situation: frameworks may build their config several times
            if (REPORTED.add(message)) {
                LOG.log(Level.INFO, message);
            }
            return Optional.empty();
        }
        InfisicalSettings settings = InfisicalSettings.load(properties, environment);
        if (!settings.enabled()) {
            return Optional.empty();
        }
        SharedLiveViews<SourceView>.View view = VIEWS.acquire(
                SharedLiveViews.fingerprint(properties, environment, Map.of()), () -> start(settings));
        return Optional.of(lease(view));
    }

    private static SharedLiveViews.Started<SourceView> start(InfisicalSettings settings) {
        InfisicalClient client = settings.newClient();
        LiveSecrets live;
        try {
            live = settings.startLive(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        String project = projectLabel(client, live);
        Set<String> reported = ConcurrentHashMap.newKeySet();
        // collisions that a refresh brings in are warned about on the listener thread, not on a
        // reader's getValue; the subscription ends with the view
        String name = InfisicalConfigSource.sourceName(project, live.query());
        live.addListener(change -> {
            if (!change.added().isEmpty()) {
                InfisicalConfigSource.reportCollisions(name, live.snapshot().secrets(), reported);
            }
        });
        return new SharedLiveViews.Started<>(client, live, new SourceView(settings.ordinal(), project, reported));
    }

    /** A new source on the view, owning the reference {@link SharedLiveViews#acquire} took. */
    private static InfisicalConfigSource lease(SharedLiveViews<SourceView>.View view) {
        Lease lease = new Lease(view);
        SourceView sv = view.attachment();
        InfisicalConfigSource source = InfisicalConfigSource.owning(view.live(), sv.ordinal(), sv.project(), lease,
                sv.reportedCollisions());
        // the lease must not reference the source; the source keeps the handle so that close()
        // deregisters it and tests can run the action the Cleaner would run
        source.cleanable(Cleanup.CLEANER.register(source, lease));
        return source;
    }

    /** One holder's claim on a shared view; released once, by close() or by the cleaner. */
    private static final class Lease implements Runnable, AutoCloseable {
        private final SharedLiveViews<SourceView>.View view;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(SharedLiveViews<SourceView>.View view) {
            this.view = view;
        }

        @Override
        public void run() {
            close();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                view.release();
            }
        }
    }

    private static synchronized void registerShutdownHook() {
        if (shutdownHook != null) {
            return;
        }
        Thread hook = new Thread(SourceBootstrap::closeAllAtShutdown, "infisical-config-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: nothing left to protect
        }
    }

    /** Removed again when nothing is open, so the hook does not pin a redeployed application's class loader. */
    private static synchronized void unregisterShutdownHook() {
        if (shutdownHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running or about to
        }
        shutdownHook = null;
    }

    /** Closes every view still open: the JVM is exiting and no holder will. */
    static void closeAllAtShutdown() {
        closeAtShutdown(live -> true);
    }

    /**
     * What the shutdown hook does, limited to the views whose {@link LiveSecrets} match (tests close
     * only their own). A view still loading is dropped without waiting for it: its loader closes it
     * when the load returns.
     */
    static void closeAtShutdown(Predicate<LiveSecrets> which) {
        for (RuntimeException e : VIEWS.closeAtShutdown(which)) {
            LOG.log(Level.DEBUG, "closing Infisical live secrets at shutdown failed: " + e.getClass().getName());
        }
    }

    /** Closes everything and removes the JVM hook, so tests leave no hooks or views behind (tests only). */
    static void resetForTests() {
        closeAllAtShutdown();
        unregisterShutdownHook();
    }

    /** Number of distinct live views currently open or loading (tests, diagnostics). */
    static int openViews() {
        return VIEWS.size();
    }

    /** Whether {@code live} is a view this class still holds open (tests: a probe with no I/O). */
    static boolean isOpen(LiveSecrets live) {
        return VIEWS.find(live).isPresent();
    }

    /** Whether the JVM shutdown hook is registered (tests). */
    static synchronized boolean shutdownHookRegistered() {
        return shutdownHook != null;
    }

    /** The project id for the source's name: a service token's own project once it has been read. */
    private static String projectLabel(InfisicalClient client, LiveSecrets live) {
        ProjectRef ref = live.query().project();
        if (ref instanceof ProjectRef.FromToken && live.status().loaded()) {
            try {
                return client.serviceTokenInfo().map(ServiceTokenInfo::projectId)
                        .orElse(InfisicalConfigSource.projectLabel(ref));
            } catch (InfisicalException e) {
                return InfisicalConfigSource.projectLabel(ref); // a name is not worth failing for
            }
        }
        return InfisicalConfigSource.projectLabel(ref);
    }

    /** Infisical's own environment variables that name an auth method, as core decides it. */
    private static List<String> credentialVariables() {
        PropertyLookup none = PropertyLookup.of(Map.of());
        return InfisicalSettings.ENVIRONMENT_VARIABLES.stream()
                .filter(n -> InfisicalSettings.authConfigured(none, PropertyLookup.of(Map.of(n, "set"))))
                .toList();
    }

    private static String notConfiguredMessage(PropertyLookup properties, PropertyLookup environment, String origin) {
        StringBuilder sb = new StringBuilder("Infisical config source not active: no Infisical auth method is configured in ")
                .append(origin).append(" (set one of ").append(String.join(", ", InfisicalSettings.AUTH_PROPERTIES))
                .append(" or the environment variable ").append(String.join(" / ", credentialVariables()))
                .append("; or set ").append(InfisicalSettings.ENABLED).append("=false to silence this line)");
        List<String> others = Stream.concat(
                        InfisicalSettings.ALL_KEYS.stream().filter(k -> !k.equals(InfisicalSettings.ENABLED))
                                .flatMap(k -> Stream.of(k, InfisicalSettings.environmentName(k)))
                                .filter(k -> properties.get(k).isPresent() || environment.get(k).isPresent()),
                        InfisicalSettings.ENVIRONMENT_VARIABLES.stream().filter(k -> environment.get(k).isPresent()))
                .distinct()
                .toList();
        if (!others.isEmpty()) {
            sb.append(". Other Infisical settings are present (").append(String.join(", ", others))
                    .append("), so an auth setting is probably missing");
        }
        return sb.toString();
    }
}
