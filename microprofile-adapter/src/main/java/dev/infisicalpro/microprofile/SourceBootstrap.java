package dev.infisicalpro.microprofile;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;

import java.lang.System.Logger.Level;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The start-up decisions shared by the SmallRye factory and the plain MicroProfile provider. Not API.
 *
 * <ol>
 *   <li>{@code infisical.enabled=false}: no source.</li>
 *   <li>While Quarkus builds the application (augmentation): no source; secrets are runtime data.</li>
 *   <li>No auth setting at all (no {@code infisical.auth.*} property and none of the Infisical
 *       environment variables that carry credentials): no source and one INFO line, so adding the jar
 *       to an app that is not configured yet breaks nothing.</li>
 *   <li>Otherwise the settings must be complete: a {@link dev.infisicalpro.ValidationException}
 *       naming the keys otherwise, whatever {@code infisical.fail-fast} says (retrying cannot fix
 *       configuration).</li>
 *   <li>The first load follows {@code infisical.fail-fast}: {@code true} throws the
 *       {@link dev.infisicalpro.InfisicalException} (its message carries the fix); {@code false}
 *       gives an empty source that fills when a background retry succeeds.</li>
 *   <li>Equal settings share one started live view (config is rebuilt on Quarkus dev-mode reloads);
 *       each config gets its own source holding a lease, and the view stops with the last lease.</li>
 * </ol>
 */
final class SourceBootstrap {

    private static final System.Logger LOG = System.getLogger(InfisicalConfigSourceFactory.class.getName());

    /** Property names that choose an auth method. */
    static final List<String> AUTH_PROPERTIES = List.of(InfisicalSettings.AUTH_SERVICE_TOKEN,
            InfisicalSettings.AUTH_ACCESS_TOKEN, InfisicalSettings.AUTH_CLIENT_ID, InfisicalSettings.AUTH_CLIENT_SECRET,
            InfisicalSettings.AUTH_CREDENTIALS_DIR, InfisicalSettings.AUTH_KUBERNETES_IDENTITY_ID);

    /** Environment variables that carry credentials (design §6). */
    static final List<String> AUTH_ENVIRONMENT = List.of("INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_MACHINE_IDENTITY_ID");

    /** Quarkus's build-time code (augmentation, build steps, the build-time config reader). */
    private static final String QUARKUS_DEPLOYMENT = "io.quarkus.deployment.";
    /**
     * The package under {@link #QUARKUS_DEPLOYMENT} that starts the application itself: dev mode
     * and continuous testing launch the app from {@code io.quarkus.deployment.dev} (the recorded
     * start-up code that builds the run-time config is generated into {@code io.quarkus.runner.recorded}).
     * {@code io.quarkus.deployment.steps} holds real build steps in Quarkus 3 and stays build time.
     */
    private static final String QUARKUS_DEV_MODE = "io.quarkus.deployment.dev.";
    /** Runs the augmented application (test launcher, dev mode, {@code quarkus:run}). */
    private static final String QUARKUS_STARTUP_ACTION = "io.quarkus.runner.bootstrap.StartupActionImpl";

    /** Every Infisical environment variable of the contract. */
    static final List<String> ENVIRONMENT = List.of("INFISICAL_API_URL", "INFISICAL_PROJECT_ID", "INFISICAL_TOKEN",
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_MACHINE_IDENTITY_ID");

    /**
     * Live views by settings fingerprint, each a future that completes when its first load is done.
     * Frameworks build their config more than once (Quarkus dev mode on each reload, and its test
     * launcher before the app); one live view per settings keeps that from multiplying refreshes.
     * Each config gets its own {@link InfisicalConfigSource} holding one lease on the shared view;
     * the view stops when the last lease goes, which happens when a holder calls {@code close()},
     * when a holder becomes unreachable (a discarded config: nothing in MicroProfile Config closes
     * sources), or at JVM shutdown.
     *
     * <p>Guarded by itself, and the lock guards only this map, the lease counts and the hook: the
     * first load (network I/O with retries that may wait on {@code Retry-After}) runs outside it, so
     * a slow server never delays JVM exit, the Cleaner, a release or another settings' start-up.
     * Equal settings still start once: later callers wait on the first caller's future.
     */
    private static final Map<String, CompletableFuture<Shared>> ACTIVE = new HashMap<>();

    /** Per-JVM random key of the settings fingerprint: the key map never holds a plain digest of credentials. */
    private static final byte[] FINGERPRINT_KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(FINGERPRINT_KEY);
    }

    /**
     * Releases the lease of a source that became unreachable without being closed. Created on first
     * use, with the JDK's default thread (an innocuous daemon without context class loader or
     * inherited access-control context, so it pins no application class loader).
     */
    private static final class Cleanup {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** Closes what is still open when the JVM exits; registered only while {@link #ACTIVE} is not empty. */
    private static Thread shutdownHook; // guarded by ACTIVE

    /** "Not configured" lines already logged: one per distinct situation per JVM. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

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
        Optional<String> enabled = properties.get(InfisicalSettings.ENABLED)
                .or(() -> environment.get(environmentName(InfisicalSettings.ENABLED)));
        if (enabled.map(SourceBootstrap::isFalse).orElse(false)) {
            LOG.log(Level.DEBUG, "Infisical config source disabled (" + InfisicalSettings.ENABLED + "=false)");
            return Optional.empty();
        }
        if (calledDuringQuarkusBuild()) {
            // Secrets are runtime data: never fetch them on the build machine, and never let Quarkus
            // record a value it saw while building into the application.
            LOG.log(Level.DEBUG, "Infisical config source skipped while Quarkus builds the application");
            return Optional.empty();
        }
        boolean anyAuth = AUTH_PROPERTIES.stream().anyMatch(k -> properties.get(k).isPresent()
                        || environment.get(environmentName(k)).isPresent())
                || AUTH_ENVIRONMENT.stream().anyMatch(k -> environment.get(k).isPresent());
        if (!anyAuth) {
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
        String key = fingerprint(properties, environment);
        while (true) {
            CompletableFuture<Shared> pending;
            boolean first = false;
            synchronized (ACTIVE) {
                pending = ACTIVE.get(key);
                if (pending == null) {
                    pending = new CompletableFuture<>();
                    ACTIVE.put(key, pending);
                    registerShutdownHook();
                    first = true;
                }
            }
            Shared shared = first ? startShared(settings, key, pending) : await(pending);
            synchronized (ACTIVE) {
                // closed between its start and this lease only if every holder let go meanwhile
                // (then start afresh), or if the JVM is exiting (then a closed view is all there is)
                if (!shared.closed || shared.closedAtShutdown) {
                    return Optional.of(shared.lease());
                }
            }
        }
    }

    /** The first load for {@code key}, outside the lock; its outcome completes {@code pending} for every waiter. */
    private static Shared startShared(InfisicalSettings settings, String key, CompletableFuture<Shared> pending) {
        Shared shared;
        try {
            shared = start(settings, key);
        } catch (RuntimeException | Error e) {
            synchronized (ACTIVE) {
                if (ACTIVE.remove(key, pending) && ACTIVE.isEmpty()) {
                    unregisterShutdownHook();
                }
            }
            pending.completeExceptionally(e);
            throw e;
        }
        boolean orphaned;
        synchronized (ACTIVE) {
            // the shutdown hook ran while this view was loading: it could not close what did not exist yet
            orphaned = ACTIVE.get(key) != pending;
            if (orphaned) {
                shared.closed = true;
                shared.closedAtShutdown = true;
            }
        }
        pending.complete(shared);
        if (orphaned) {
            shared.closeNow();
        }
        return shared;
    }

    /** Waits for another caller's first load of equal settings; its failure is this caller's failure. */
    private static Shared await(CompletableFuture<Shared> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static Shared start(InfisicalSettings settings, String key) {
        InfisicalClient client = settings.newClient();
        LiveSecrets live;
        try {
            live = settings.startLive(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new Shared(key, client, live, settings.ordinal(), projectLabel(client, live));
    }

    /**
     * One started live view and its client, shared by every source created for equal settings. The
     * view and the client close when the last lease is released.
     */
    private static final class Shared {
        private final String key;
        private final InfisicalClient client;
        private final LiveSecrets live;
        private final int ordinal;
        private final String project;
        /** Collision warnings already logged, shared so each holder does not repeat them. */
        private final Set<String> reportedCollisions = ConcurrentHashMap.newKeySet();
        private int leases; // guarded by ACTIVE
        private boolean closed; // guarded by ACTIVE
        private boolean closedAtShutdown; // guarded by ACTIVE

        Shared(String key, InfisicalClient client, LiveSecrets live, int ordinal, String project) {
            this.key = key;
            this.client = client;
            this.live = live;
            this.ordinal = ordinal;
            this.project = project;
            // collisions that a refresh brings in are warned about on the listener thread, not on
            // a reader's getValue; the subscription ends with the view
            String name = InfisicalConfigSource.sourceName(project, live.query());
            live.addListener(change -> {
                if (!change.added().isEmpty()) {
                    InfisicalConfigSource.reportCollisions(name, live.snapshot().secrets(), reportedCollisions);
                }
            });
        }

        /** A new source on this view, holding one lease (called under the ACTIVE lock). */
        InfisicalConfigSource lease() {
            leases++;
            Lease lease = new Lease(this);
            InfisicalConfigSource source = InfisicalConfigSource.owning(live, ordinal, project, lease,
                    reportedCollisions);
            // the lease must not reference the source; the source keeps the handle so that close()
            // deregisters it and tests can run the action the Cleaner would run
            source.cleanable(Cleanup.CLEANER.register(source, lease));
            return source;
        }

        /** Returns one lease; the last one closes the view and its client. */
        void release() {
            synchronized (ACTIVE) {
                if (closed || --leases > 0) {
                    return;
                }
                closed = true;
                CompletableFuture<Shared> mapped = ACTIVE.get(key);
                if (mapped != null && mapped.getNow(null) == this) {
                    ACTIVE.remove(key);
                }
                if (ACTIVE.isEmpty()) {
                    unregisterShutdownHook();
                }
            }
            closeNow(); // outside the lock: closing may wait briefly for the library threads
        }

        void closeNow() {
            try {
                live.close();
            } finally {
                client.close();
            }
        }
    }

    /** One holder's claim on a {@link Shared} view; released once, by close() or by the cleaner. */
    private static final class Lease implements Runnable, AutoCloseable {
        private final Shared shared;
        private final AtomicBoolean released = new AtomicBoolean();

        Lease(Shared shared) {
            this.shared = shared;
        }

        @Override
        public void run() {
            close();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                shared.release();
            }
        }
    }

    private static void registerShutdownHook() {
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
    private static void unregisterShutdownHook() {
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
     * only their own). A view still loading is dropped from the map without waiting for it: its
     * starter closes it when the load returns.
     */
    static void closeAtShutdown(Predicate<LiveSecrets> which) {
        List<Shared> remaining = new ArrayList<>();
        synchronized (ACTIVE) {
            var entries = ACTIVE.values().iterator();
            while (entries.hasNext()) {
                CompletableFuture<Shared> entry = entries.next();
                Shared shared = entry.getNow(null);
                if (shared == null ? which.test(null) : which.test(shared.live)) {
                    entries.remove();
                    if (shared != null) {
                        shared.closed = true;
                        shared.closedAtShutdown = true;
                        remaining.add(shared);
                    }
                }
            }
            if (ACTIVE.isEmpty()) {
                unregisterShutdownHook(); // throws nothing when the JVM is already exiting
            }
        }
        for (Shared shared : remaining) {
            try {
                shared.closeNow();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "closing Infisical live secrets at shutdown failed: " + e.getClass().getName());
            }
        }
    }

    /** Closes everything and removes the JVM hook, so tests leave no hooks or views behind (tests only). */
    static void resetForTests() {
        closeAllAtShutdown();
        synchronized (ACTIVE) {
            unregisterShutdownHook();
        }
    }

    /** Number of distinct live views currently open or loading (tests, diagnostics). */
    static int openViews() {
        synchronized (ACTIVE) {
            return ACTIVE.size();
        }
    }

    /** Whether {@code live} is a view this class still holds open (tests: a probe with no I/O). */
    static boolean isOpen(LiveSecrets live) {
        synchronized (ACTIVE) {
            return ACTIVE.values().stream().map(f -> f.getNow(null))
                    .anyMatch(s -> s != null && s.live == live && !s.closed);
        }
    }

    /** Whether the JVM shutdown hook is registered (tests). */
    static boolean shutdownHookRegistered() {
        synchronized (ACTIVE) {
            return shutdownHook != null;
        }
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

    /**
     * Quarkus also evaluates discovered factories while it augments the application (at
     * {@code mvn package}, in dev mode and before a {@code @QuarkusTest}). Any frame of Quarkus's
     * deployment code counts, not a list of class names: a renamed class must not make the check
     * fail open (secrets fetched on the build machine). Build steps run on builder threads, but each
     * runs inside {@code io.quarkus.deployment.ExtensionLoader} code, so those threads match too.
     *
     * <p>The innermost deciding frame wins, because deployment code also <em>starts</em> the
     * application: dev mode and continuous testing from {@code io.quarkus.deployment.dev}, both (and
     * the test launcher) through {@code io.quarkus.runner.bootstrap.StartupActionImpl}, and a restart
     * may be triggered from deployment code such as the dev-mode console. A start nested inside
     * deployment code is run time and must load secrets; augmentation nested inside dev mode is build
     * time. {@code examples/quarkus} checks the real thing against FakeInfisical's request journal.
     */
    static boolean calledDuringQuarkusBuild() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .map(SourceBootstrap::classify)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(false));
    }

    /**
     * {@code true}: a frame of Quarkus building the application; {@code false}: a frame starting the
     * application; {@code null}: says nothing (application, library, SmallRye and JDK frames).
     */
    static Boolean classify(String className) {
        if (className.startsWith(QUARKUS_DEV_MODE) || className.startsWith(QUARKUS_STARTUP_ACTION)) {
            return false;
        }
        return className.startsWith(QUARKUS_DEPLOYMENT) ? true : null;
    }

    /**
     * A keyed digest of every setting as read, so equal settings share one source. HMAC-SHA256 with
     * a random per-JVM key: the settings include credentials, and an unsalted hash of a short or
     * guessable credential could be confirmed by anyone who sees the key (a heap dump, a debugger).
     */
    static String fingerprint(PropertyLookup properties, PropertyLookup environment) {
        StringBuilder sb = new StringBuilder();
        for (String k : InfisicalSettings.ALL_KEYS) {
            sb.append(k).append('=').append(properties.get(k).orElse("")).append('\n');
            String env = environmentName(k);
            sb.append(env).append('=').append(environment.get(env).orElse("")).append('\n');
        }
        for (String k : ENVIRONMENT) {
            sb.append(k).append('=').append(environment.get(k).orElse("")).append('\n');
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FINGERPRINT_KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static String notConfiguredMessage(PropertyLookup properties, PropertyLookup environment, String origin) {
        StringBuilder sb = new StringBuilder("Infisical config source not active: no Infisical auth method is configured in ")
                .append(origin).append(" (set one of ").append(String.join(", ", AUTH_PROPERTIES))
                .append(" or the environment variable ").append(String.join(" / ", AUTH_ENVIRONMENT))
                .append("; or set ").append(InfisicalSettings.ENABLED).append("=false to silence this line)");
        List<String> others = Stream.concat(
                        InfisicalSettings.ALL_KEYS.stream().filter(k -> !k.equals(InfisicalSettings.ENABLED))
                                .flatMap(k -> Stream.of(k, environmentName(k)))
                                .filter(k -> properties.get(k).isPresent() || environment.get(k).isPresent()),
                        ENVIRONMENT.stream().filter(k -> environment.get(k).isPresent()))
                .distinct()
                .toList();
        if (!others.isEmpty()) {
            sb.append(". Other Infisical settings are present (").append(String.join(", ", others))
                    .append("), so an auth setting is probably missing");
        }
        return sb.toString();
    }

    /** A contract name in environment-variable form, as core reads it: {@code INFISICAL_ENV_SLUG}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code "true"}/{@code "false"} only, as the rest of the contract parses booleans. */
    static boolean isFalse(String value) {
        return value.trim().toLowerCase(Locale.ROOT).equals("false");
    }
}
