package dev.infisicalpro;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one entry point: a thread-safe client for one Infisical server and one set of credentials.
 * Create one per application and share it; close it on shutdown.
 *
 * <pre>{@code
 * try (InfisicalClient client = InfisicalClient.builder()
 *         .host("https://infisical.example.com")                  // "/api" optional
 *         .credentials(Credentials.universalAuth(clientId, clientSecret))
 *         .build()) {
 *     Scope scope = Scope.of(ProjectRef.id(projectId), "prod", "/app");
 *     String password = client.secrets().get(scope, "DB_PASSWORD").value();
 * }
 * }</pre>
 *
 * <p>Logging goes through {@link System.Logger} (name {@code dev.infisicalpro}); nothing logged ever
 * contains a token, a client secret or a secret value.
 */
public final class InfisicalClient implements AutoCloseable {

    /** Infisical Cloud (US). */
    public static final String DEFAULT_HOST = "https://app.infisical.com/api";

    private final dev.infisicalpro.internal.ClientRuntime runtime;

    private InfisicalClient(Builder b) {
        this.runtime = new dev.infisicalpro.internal.ClientRuntime(b.host, b.credentials, b.connectTimeout,
                b.readTimeout, b.callTimeout(), b.operationTimeout(), b.retryPolicy, b.clock, b.userAgent, b.maxResponseBytes, b.responseCacheTtl,
                dev.infisicalpro.internal.Warnings.to(b.warnings), b.retrySleeper);
    }

    /**
     * A new builder.
     *
     * @return a builder; only {@link Builder#credentials(Credentials)} must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Secret operations.
     *
     * @return the secret operations of this client (one instance, thread-safe)
     */
    public Secrets secrets() {
        return runtime.secrets();
    }

    /**
     * Folder operations.
     *
     * @return the folder operations of this client (one instance, thread-safe)
     */
    public Folders folders() {
        return runtime.folders();
    }

    /**
     * A live, self-refreshing view of a query; see {@link LiveSecrets}.
     *
     * @param query the project, environment, folders and list options to load
     * @return a builder of a live view over this client; {@link LiveSecrets.Builder#start()} loads it
     */
    public LiveSecrets.Builder live(SecretQuery query) {
        return LiveSecrets.builder(this, query);
    }

    /**
     * For service-token credentials, what the server says about the token (fetched once, then
     * cached); empty for other credentials.
     *
     * @return the token's project and scopes, or empty when the credentials are not a service token
     */
    public Optional<ServiceTokenInfo> serviceTokenInfo() {
        return runtime.serviceTokenInfo();
    }

    /**
     * The normalised API root, e.g. {@code https://app.infisical.com/api}.
     *
     * @return the API root this client sends to, ending in {@code /api}
     */
    public String apiUrl() {
        return runtime.apiUrl();
    }

    /**
     * The clock the client (and its live views) measure time with.
     *
     * @return the clock given to the builder, else the system UTC clock
     */
    public Clock clock() {
        return runtime.clock();
    }

    /** Revokes nothing, but releases connections and threads; idempotent. */
    @Override
    public void close() {
        runtime.close();
    }

    /** Library-internal access for {@link LiveSecrets}; not API. */
    dev.infisicalpro.internal.ClientRuntime runtime() {
        return runtime;
    }

    @Override
    public String toString() {
        return "InfisicalClient[" + runtime + "]";
    }

    /**
     * Builds an {@link InfisicalClient}. Only {@link #credentials(Credentials)} is required.
     *
     * <pre>{@code
     * InfisicalClient.builder()
     *     .host("http://localhost:8080")
     *     .credentials(Credentials.serviceToken(token))
     *     .connectTimeout(Duration.ofSeconds(5))
     *     .retryPolicy(RetryPolicy.defaults())
     *     .build();
     * }</pre>
     *
     * <p>The rule of every builder of this library (this one, {@link LiveSecrets.Builder},
     * {@code WebhookReceiver.Builder}, {@code PostgresRotation.Builder},
     * {@code LiveCredentialsDataSource.Builder}): a setter refuses a bad argument at once, {@code null} with
     * {@link NullPointerException} and a value out of range (or a blank text) with
     * {@link IllegalArgumentException}, as Caffeine's builder does; {@link #build()} refuses a missing
     * required setting with {@link ValidationException}. Settings read from configuration
     * ({@code InfisicalSettings}) are checked when they are read and fail with a {@link ValidationException}
     * naming the setting.
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private Credentials credentials;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout;
        private Duration operationTimeout;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private String userAgent = "infisical-pro-java";
        private long maxResponseBytes = 32L * 1024 * 1024;
        private Duration responseCacheTtl = Duration.ZERO;
        private java.util.function.Consumer<String> warnings;
        /** Null: real waiting. */
        private dev.infisicalpro.internal.Transport.Sleeper retrySleeper;

        private Builder() {
        }

        /**
         * Tests in this package: how the client waits between retries (e.g. record instead of sleeping). Not API.
         *
         * @param value the sleeper
         * @return this builder
         */
        Builder retrySleeper(dev.infisicalpro.internal.Transport.Sleeper value) {
            this.retrySleeper = Objects.requireNonNull(value, "retrySleeper");
            return this;
        }

        /**
         * Server: {@code https://h}, {@code https://h/}, {@code https://h/api} and {@code https://h/api/} are the same.
         *
         * @param value the server's URL, with or without {@code /api} (default {@code https://app.infisical.com})
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * How to authenticate (required).
         *
         * @param value the one auth method of this client
         * @return this builder
         */
        public Builder credentials(Credentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * TCP connect timeout (default 10 s).
         *
         * @param value a positive duration: every network call has a deadline
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * Read timeout per request (default 30 s); also the write timeout.
         *
         * @param value a positive duration: every network call has a deadline
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder readTimeout(Duration value) {
            this.readTimeout = positive(value, "readTimeout");
            return this;
        }

        /**
         * Deadline of one request from connect to the last byte of the answer (default three times
         * the read timeout). The read timeout alone bounds only each wait for the next bytes: a proxy
         * that trickles one byte a second would otherwise hold a request for ever.
         *
         * <pre>{@code
         * InfisicalClient.builder().readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(15));
         * }</pre>
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder callTimeout(Duration value) {
            this.callTimeout = positive(value, "callTimeout");
            return this;
        }

        /**
         * Deadline of one operation across all its attempts, retry pauses and a login it needs
         * (default twice the call timeout). When it has passed, the operation fails with
         * {@link TransportException} instead of trying again.
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder operationTimeout(Duration value) {
            this.operationTimeout = positive(value, "operationTimeout");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        Duration callTimeout() {
            if (callTimeout != null) {
                return callTimeout;
            }
            // a read timeout of zero means "none" to OkHttp; the call still gets a deadline
            return readTimeout.isZero() || readTimeout.isNegative() ? Duration.ofMinutes(5) : readTimeout.multipliedBy(3);
        }

        Duration operationTimeout() {
            return operationTimeout != null ? operationTimeout : callTimeout().multipliedBy(2);
        }

        /**
         * Retry policy (default {@link RetryPolicy#defaults()}).
         *
         * @param value which failures are retried, how often and with what pauses
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /**
         * Clock for token lifetimes and live-secret ages (tests inject a fake one).
         *
         * @param value the clock to measure token lifetimes and snapshot ages with
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * User-Agent prefix; the library version is appended.
         *
         * @param value a product token such as {@code my-app/1.2}
         * @return this builder
         */
        public Builder userAgent(String value) {
            this.userAgent = Objects.requireNonNull(value, "userAgent");
            return this;
        }

        /**
         * Largest response body accepted (default 32 MiB).
         *
         * @param value a positive number of bytes
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder maxResponseBytes(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maxResponseBytes must be positive, was " + value);
            }
            this.maxResponseBytes = value;
            return this;
        }

        /**
         * Time-to-live of the read cache of {@link Secrets#get}/{@link Secrets#list}; {@code ZERO}
         * (the default) disables it. Writes through this client invalidate it at once.
         *
         * @param value zero (no cache) or a positive time-to-live
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is negative
         */
        public Builder responseCacheTtl(Duration value) {
            Objects.requireNonNull(value, "responseCacheTtl");
            if (value.isNegative()) {
                throw new IllegalArgumentException("responseCacheTtl must not be negative, was " + value);
            }
            this.responseCacheTtl = value;
            return this;
        }

        /**
         * Also hands every warning of this client, and of the {@link LiveSecrets} views built on it,
         * to {@code sink}: the same text that goes to {@link System.Logger} at level WARNING (a plain
         * http host, a server without the service-token route, a live view that could not load at
         * startup, keys colliding across paths, a failing refresh, a listener that threw, ...). The
         * text never contains a token, a client secret or a secret value. Meant for frameworks whose
         * logging is not bridged from {@code System.Logger}, and for health reports. By default there
         * is no sink. The sink runs on the thread that warns (a request thread or a library thread),
         * so it should be quick; an exception it throws is ignored.
         *
         * <pre>{@code
         * // log: the application's logger, e.g. an SLF4J, Log4j or JBoss Logging one
         * InfisicalClient client = InfisicalClient.builder()
         *     .credentials(Credentials.universalAuth(clientId, clientSecret))
         *     .warnings(log::warn)
         *     .build();
         * }</pre>
         *
         * @param sink receives each warning text once; it must not block
         * @return this builder
         */
        public Builder warnings(java.util.function.Consumer<String> sink) {
            this.warnings = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Builds the client; no network call happens before the first operation.
         *
         * @return a client that owns its connections and threads until {@link InfisicalClient#close()}
         * @throws ValidationException when no credentials were given
         */
        public InfisicalClient build() {
            if (credentials == null) {
                throw new ValidationException("no credentials given",
                        "call credentials(Credentials.universalAuth(...)) or another Credentials factory");
            }
            return new InfisicalClient(this);
        }
    }
}
