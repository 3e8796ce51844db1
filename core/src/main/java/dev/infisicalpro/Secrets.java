package dev.infisicalpro;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secret operations of one {@link InfisicalClient}. Thread-safe.
 *
 * <pre>{@code
 * Secrets secrets = client.secrets();
 * Scope scope = Scope.of(ProjectRef.id(projectId), "dev", "/app");
 * Map<String, Secret> all = secrets.list(scope, ListOptions.defaults()).effective();
 * secrets.create(scope, NewSecret.of("API_KEY", "k-1"));
 * secrets.update(scope, "API_KEY", SecretUpdate.value("k-2"));
 * Optional<Secret> gone = secrets.find(scope, "OLD");
 * }</pre>
 */
public interface Secrets {

    /** Lists a folder (booleans always sent explicitly). */
    SecretListing list(Scope scope, ListOptions options);

    /**
     * Conditional list: sends {@code If-None-Match: etag}; empty when the server answers 304 (nothing
     * is parsed then). An empty {@code etag} makes it a plain list.
     */
    Optional<SecretListing> listIfChanged(Scope scope, ListOptions options, String etag);

    /** One secret with imports considered; {@link SecretNotFoundException} when absent. */
    Secret get(Scope scope, String key);

    /** One secret with imports considered; empty when absent. */
    Optional<Secret> find(Scope scope, String key);

    /** Creates; {@link ConflictException} when the key exists, {@link FolderNotFoundException} when the folder does not. */
    Secret create(Scope scope, NewSecret secret, WriteOptions options);

    /** {@link #create(Scope, NewSecret, WriteOptions)} with default options. */
    default Secret create(Scope scope, NewSecret secret) {
        return create(scope, secret, WriteOptions.defaults());
    }

    /** Changes value, comment and/or name. */
    Secret update(Scope scope, String key, SecretUpdate update);

    /** Deletes and returns the deleted secret. */
    Secret delete(Scope scope, String key);

    /** Batch create (all-or-nothing on existing keys). */
    List<Secret> createAll(Scope scope, List<NewSecret> secrets, WriteOptions options);

    /** Batch create with default options. */
    default List<Secret> createAll(Scope scope, List<NewSecret> secrets) {
        return createAll(scope, secrets, WriteOptions.defaults());
    }

    /** Batch update, keyed by current key. */
    List<Secret> updateAll(Scope scope, Map<String, SecretUpdate> updates);

    /** Batch delete. */
    List<Secret> deleteAll(Scope scope, Collection<String> keys);
}
