package dev.infisicalpro;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A query's secrets kept current in the background: reads are lock-free lookups in an immutable
 * {@link SecretSnapshot}; every {@code resyncInterval} a conditional GET refreshes it; when
 * Infisical is down the last good values stay in place; listeners hear which keys changed.
 *
 * <pre>{@code
 * try (LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(projectId), "prod", "/app"))
 *         .resyncInterval(Duration.ofSeconds(60))
 *         .start()) {
 *     String password = live.get("DB_PASSWORD");
 *     live.addListener(change -> pool.rotate(change.changed()));
 * }
 * }</pre>
 */
public final class LiveSecrets implements AutoCloseable {

    private LiveSecrets() {
        throw new UnsupportedOperationException("implemented by the live-secrets work");
    }

    /** A builder for a query on a client. */
    public static Builder builder(InfisicalClient client, SecretQuery query) {
        return new Builder(client, query);
    }

    /** The value of a key; {@link SecretNotFoundException} when absent. */
    public String get(String key) {
        throw new UnsupportedOperationException();
    }

    /** The value of a key, if present. */
    public Optional<String> find(String key) {
        throw new UnsupportedOperationException();
    }

    /** The current snapshot. */
    public SecretSnapshot snapshot() {
        throw new UnsupportedOperationException();
    }

    /** Refreshes now, on the calling thread (single-flight with the background refresh). */
    public SecretChange refreshNow() {
        throw new UnsupportedOperationException();
    }

    /** Registers a listener; close the returned handle to remove it. */
    public AutoCloseable addListener(Consumer<SecretChange> listener) {
        throw new UnsupportedOperationException();
    }

    /** Current health. */
    public LiveStatus status() {
        throw new UnsupportedOperationException();
    }

    /** The query this view loads. */
    public SecretQuery query() {
        throw new UnsupportedOperationException();
    }

    /** Stops refreshing; idempotent. Does not close the client. */
    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }

    /**
     * Configures and starts a {@link LiveSecrets}.
     *
     * <pre>{@code
     * client.live(query).resyncInterval(Duration.ofSeconds(30)).maxStaleness(Duration.ofMinutes(10)).start();
     * }</pre>
     */
    public static final class Builder {
        private final InfisicalClient client;
        private final SecretQuery query;
        private Duration resyncInterval = Duration.ofSeconds(60);
        private Duration maxStaleness = Duration.ZERO;
        private boolean failFast = true;
        private ScheduledExecutorService scheduler;
        private Executor listenerExecutor;

        private Builder(InfisicalClient client, SecretQuery query) {
            this.client = Objects.requireNonNull(client, "client");
            this.query = Objects.requireNonNull(query, "query");
        }

        /** Refresh period (default 60 s, ±10 % jitter); {@code ZERO} = never refresh in the background. */
        public Builder resyncInterval(Duration value) {
            this.resyncInterval = Objects.requireNonNull(value);
            return this;
        }

        /** Age after which {@link LiveStatus#healthy()} turns false; {@code ZERO} (default) = never. */
        public Builder maxStaleness(Duration value) {
            this.maxStaleness = Objects.requireNonNull(value);
            return this;
        }

        /**
         * {@code true} (default): {@link #start()} throws when the first load fails. {@code false}:
         * starts empty, logs one warning, and keeps retrying in the background.
         */
        public Builder failFast(boolean value) {
            this.failFast = value;
            return this;
        }

        /** Scheduler for refreshes (default: one shared daemon thread of the library). */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value);
            return this;
        }

        /** Where listeners run (default: off the refresh thread, on a library daemon thread). */
        public Builder listenerExecutor(Executor value) {
            this.listenerExecutor = Objects.requireNonNull(value);
            return this;
        }

        /** Loads once and starts refreshing. */
        public LiveSecrets start() {
            throw new UnsupportedOperationException("implemented by the live-secrets work");
        }
    }
}
