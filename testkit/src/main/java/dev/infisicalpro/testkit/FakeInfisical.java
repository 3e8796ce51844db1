package dev.infisicalpro.testkit;

import dev.infisicalpro.testkit.internal.FakeServer;
import dev.infisicalpro.testkit.internal.FaultQueue;
import dev.infisicalpro.testkit.internal.RequestLog;
import dev.infisicalpro.testkit.internal.SeedLoader;
import dev.infisicalpro.testkit.internal.Store;
import dev.infisicalpro.testkit.internal.WebhookDispatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An in-memory Infisical server on loopback that speaks the real REST API with its real quirks:
 * universal-auth and Kubernetes-auth login, renew and revoke, service tokens with the single-scope
 * override, v3 raw secrets (single and batch), folders, secret imports, reference expansion, the
 * global ETag, optional rate limits — in two {@link Generation generations}.
 *
 * <p>Seeding ({@link #createProject(String)} and {@link FakeProject}) writes straight into memory,
 * is thread-safe and is visible to the very next request, so a test can rotate a secret between two
 * reads. Time comes from {@link #clock()}, which tests advance to expire tokens without sleeping.
 *
 * <pre>{@code
 * try (FakeInfisical fake = FakeInfisical.start()) {
 *     FakeProject p = fake.createProject("demo");
 *     p.putSecret("dev", "/", "DB_PASSWORD", "s3cret");
 *     UniversalAuthCredentials ua = p.createUniversalAuthIdentity("app", Role.ADMIN,
 *             Duration.ofHours(2), Duration.ofHours(24));
 *     // point a client at fake.apiUrl() with ua.clientId() / ua.clientSecret()
 * }
 * }</pre>
 *
 * <p>The default generation is {@link Generation#OCT24} because it is the one whose every answer was
 * checked against a running server; {@link Generation#CURRENT} is source-read only.
 *
 * <p>Over 400 lines because it is the public entry point with its builder, each setting documented.
 */
public final class FakeInfisical implements AutoCloseable {

    private final Generation generation;
    private final MutableClock clock;
    private final String host;
    private final int requestedPort;
    private final Store store;
    private final FaultQueue faultQueue = new FaultQueue();
    private final RequestLog log = new RequestLog();
    private final FakeServer server;
    private final Faults faults;
    private final Journal journal;
    private final WebhookDispatcher dispatcher;
    private final Webhooks webhooks;
    private final List<Consumer<FakeInfisical>> seeders;
    private final List<Path> seedFiles;
    private volatile boolean started;

    private FakeInfisical(Builder b) {
        this.generation = b.generation;
        this.clock = MutableClock.wrap(b.clock);
        this.host = b.host;
        this.requestedPort = b.port;
        this.store = new Store(clock);
        this.dispatcher = new WebhookDispatcher(store, generation);
        store.listener(dispatcher);
        dispatcher.delay(b.webhookDelay);
        this.webhooks = new Webhooks(dispatcher);
        this.server = new FakeServer(store, generation, faultQueue, log, b.rateLimits, dispatcher);
        this.faults = new Faults(faultQueue);
        this.journal = new Journal(log);
        this.seeders = List.copyOf(b.seeders);
        this.seedFiles = List.copyOf(b.seedFiles);
    }

    /**
     * A builder; every setting has a default (OCT24, system clock, no rate limits, 127.0.0.1, port 0).
     *
     * @return this builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a server with default settings (OCT24, system clock, no rate limits, any free port).
     *
     * @return the running server
     */
    public static FakeInfisical start() {
        return builder().start();
    }

    /** Binds the port, applies the builder's seeds, and starts answering. */
    private FakeInfisical doStart() {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            try {
                server.start(host, requestedPort);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind " + host + ":" + requestedPort, e);
            }
            started = true;
            // seeds run after binding so that they may use url(); nobody knows the port before we return
            try {
                for (Path file : seedFiles) {
                    seed(file);
                }
                for (Consumer<FakeInfisical> s : seeders) {
                    s.accept(this);
                }
            } catch (RuntimeException | Error e) {
                server.stop();
                throw e;
            }
        }
        return this;
    }

    /**
     * The server root, e.g. {@code http://127.0.0.1:41234} (no trailing slash).
     *
     * @return the server root, e.g. {@code http://127.0.0.1:41234} (no trailing slash)
     */
    public String url() {
        String h = server.host();
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
    }

    /**
     * The API root, {@code url() + "/api"}.
     *
     * @return the API root, {@code url() + "/api"}
     */
    public String apiUrl() {
        return url() + "/api";
    }

    /**
     * The bound port.
     *
     * @return the bound port
     */
    public int port() {
        return server.port();
    }

    /**
     * The behaviour generation.
     *
     * @return the behaviour generation
     */
    public Generation generation() {
        return generation;
    }

    /**
     * The server's clock; advance it to expire tokens. Wraps an injected clock if it was not a {@link MutableClock}.
     *
     * @return the server's movable clock
     */
    public MutableClock clock() {
        return clock;
    }

    /**
     * Fault injection.
     *
     * @return the fault injection of this server
     */
    public Faults faults() {
        return faults;
    }

    /**
     * The journal of received requests.
     *
     * @return the journal of received requests
     */
    public Journal journal() {
        return journal;
    }

    /**
     * Webhook deliveries: delay, recorded attempts, test events.
     *
     * @return the webhook deliveries of this server
     */
    public Webhooks webhooks() {
        return webhooks;
    }

    /**
     * Creates a project with environments {@code dev}, {@code staging} and {@code prod}. The slug is
     * derived from the name (lower case, non-alphanumerics to dashes).
     *
     * @param name project name
     * @return the project, for seeding
     */
    public FakeProject createProject(String name) {
        return createProject(name, null, null);
    }

    /**
     * Creates a project with a given slug and id ({@code null} = derived / random) and the three
     * default environments.
     *
     * @param name project name
     * @param slug project slug ({@code null} = derived from the name)
     * @param id   project id ({@code null} = random UUID)
     * @return the project, for seeding
     */
    public FakeProject createProject(String name, String slug, String id) {
        Objects.requireNonNull(name, "name");
        synchronized (store) {
            Store.Project p = store.createProject(name, slug, id);
            store.createEnvironment(p, "dev", "Development");
            store.createEnvironment(p, "staging", "Staging");
            store.createEnvironment(p, "prod", "Production");
            return new FakeProject(store, p);
        }
    }

    /**
     * A project by id or slug.
     *
     * @param idOrSlug project id or slug
     * @return the project, or empty if there is none
     */
    public Optional<FakeProject> project(String idOrSlug) {
        synchronized (store) {
            Store.Project p = store.project(idOrSlug);
            return p == null ? Optional.empty() : Optional.of(new FakeProject(store, p));
        }
    }

    /**
     * All projects, in creation order.
     *
     * @return all projects, in creation order
     */
    public List<FakeProject> projects() {
        synchronized (store) {
            List<FakeProject> out = new ArrayList<>();
            store.projects.values().forEach(p -> out.add(new FakeProject(store, p)));
            return out;
        }
    }

    /**
     * Seeds from a JSON seed file (format in {@code testkit/README.md}); may be called before or after
     * {@link #start()}.
     *
     * @param seedFile path of the JSON seed file
     * @return what was created, including generated credentials
     */
    public SeedResult seed(Path seedFile) {
        Objects.requireNonNull(seedFile, "seedFile");
        try {
            return SeedLoader.load(this, store, seedFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + seedFile, e);
        }
    }

    /** Stops the server and its webhook deliveries (idempotent). State stays readable. */
    @Override
    public void close() {
        server.stop();
        dispatcher.close();
    }

    @Override
    public String toString() {
        return "FakeInfisical[" + generation + (started ? ", " + url() : ", not started") + "]";
    }

    /**
     * Settings of a {@link FakeInfisical}.
     *
     * <pre>{@code
     * FakeInfisical fake = FakeInfisical.builder()
     *         .generation(Generation.OCT24)
     *         .clock(MutableClock.fixed(Instant.parse("2026-01-01T00:00:00Z")))
     *         .rateLimits(true)
     *         .seed(f -> f.createProject("demo"))
     *         .build().start();
     * }</pre>
     */
    public static final class Builder {
        private Generation generation = Generation.OCT24;
        private Clock clock = Clock.systemUTC();
        private boolean rateLimits;
        private Duration webhookDelay = Duration.ZERO;
        private String host = "127.0.0.1";
        private int port;
        private final List<Consumer<FakeInfisical>> seeders = new ArrayList<>();
        private final List<Path> seedFiles = new ArrayList<>();

        private Builder() {
        }

        /**
         * Server generation (default {@link Generation#OCT24}).
         *
         * @param generation server generation
         * @return this builder
         */
        public Builder generation(Generation generation) {
            this.generation = Objects.requireNonNull(generation, "generation");
            return this;
        }

        /**
         * Clock for token TTLs and timestamps (default: system UTC, wrapped in a {@link MutableClock}).
         *
         * @param clock clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Enables the server's per-route, per-IP rate limits (default off, like self-hosted CURRENT).
         *
         * @param enabled whether limits apply
         * @return this builder
         */
        public Builder rateLimits(boolean enabled) {
            this.rateLimits = enabled;
            return this;
        }

        /**
         * Delay between a write and its webhook deliveries (default zero; the real server takes about
         * {@link Webhooks#REAL_SERVER_DELAY}). Also settable later with {@link Webhooks#delay(Duration)}.
         *
         * @param delay zero or more
         * @return this builder
         */
        public Builder webhookDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("webhookDelay must not be negative: " + delay);
            }
            this.webhookDelay = delay;
            return this;
        }

        /**
         * Interface to bind (default {@code 127.0.0.1}).
         *
         * @param host interface address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Port to bind (default 0 = any free port).
         *
         * @param port port, 0 = any free port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Seeding code run by {@link FakeInfisical#start()} (after binding, before it returns).
         *
         * @param seeder seeding code
         * @return this builder
         */
        public Builder seed(Consumer<FakeInfisical> seeder) {
            seeders.add(Objects.requireNonNull(seeder, "seeder"));
            return this;
        }

        /**
         * A JSON seed file applied by {@link FakeInfisical#start()}.
         *
         * @param file JSON seed file
         * @return this builder
         */
        public Builder seedFile(Path file) {
            seedFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Freezes the settings; call {@link Unstarted#start()} on the result.
         *
         * @return a configured server that is not listening yet
         */
        public Unstarted build() {
            return new Unstarted(new FakeInfisical(this));
        }

        /**
         * Shorthand for {@code build().start()}.
         *
         * @return the running server
         */
        public FakeInfisical start() {
            return build().start();
        }
    }

    /**
     * A configured server that is not listening yet. (A separate type only because Java cannot have
     * both the static {@link FakeInfisical#start()} and an instance {@code start()}.)
     *
     * <pre>{@code
     * FakeInfisical fake = FakeInfisical.builder().generation(Generation.CURRENT).build().start();
     * }</pre>
     */
    public static final class Unstarted {
        private final FakeInfisical fake;

        private Unstarted(FakeInfisical fake) {
            this.fake = fake;
        }

        /**
         * Applies the seeds, binds the port and starts answering. May be called once.
         *
         * @return the running server
         */
        public FakeInfisical start() {
            return fake.doStart();
        }
    }
}
