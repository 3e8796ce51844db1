package dev.infisicalpro.cli;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.config.InfisicalSettings;

import java.time.Duration;

/**
 * One command's connection: the resolved settings, a client, and the query they describe. Loading
 * and merging several folders is the library's {@link LiveSecrets} (one place for "later folder wins"
 * and the collision warning), started without background refresh unless asked.
 *
 * <pre>{@code
 * try (Session session = Session.open(connection)) {
 *     SecretSnapshot all = session.loadOnce();
 *     Scope scope = session.singleScope("secrets set");
 * }
 * }</pre>
 */
public final class Session implements AutoCloseable {

    private final InfisicalSettings settings;
    private final InfisicalClient client;
    private SecretQuery query;

    private Session(InfisicalSettings settings, InfisicalClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** Resolves the settings and builds a client (no request yet). */
    public static Session open(ConnectionOptions connection) {
        InfisicalSettings settings = connection.settings();
        return new Session(settings, connection.newClient(settings));
    }

    /** The settings. */
    public InfisicalSettings settings() {
        return settings;
    }

    /** The client. */
    public InfisicalClient client() {
        return client;
    }

    /** The query (project, environment — from the token if not configured —, folders, options). */
    public SecretQuery query() {
        if (query == null) {
            query = settings.query(client);
        }
        return query;
    }

    /** The scope of the one configured folder; several folders are a usage error for {@code what}. */
    public Scope singleScope(String what) {
        SecretQuery q = query();
        if (q.paths().size() != 1) {
            throw new CliException(ExitCodes.USAGE, what + " works on one folder; --path names " + q.paths().size());
        }
        return q.scope(q.paths().get(0));
    }

    /** The scope of a given folder in the configured project and environment. */
    public Scope scope(SecretPath path) {
        return query().scope(path);
    }

    /** Loads the query's folders once, merged (later folder wins). */
    public SecretSnapshot loadOnce() {
        try (LiveSecrets live = live(Duration.ZERO)) {
            return live.snapshot();
        }
    }

    /** A started live view refreshing every {@code interval} ({@code ZERO}: never). */
    public LiveSecrets live(Duration interval) {
        return client.live(query()).resyncInterval(interval).failFast(true).start();
    }

    /** "dev:/app" for messages. */
    public String where(Scope scope) {
        return scope.environment() + ":" + scope.path();
    }

    @Override
    public void close() {
        client.close();
    }
}
