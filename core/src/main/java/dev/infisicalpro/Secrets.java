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

    /**
     * Lists a folder (booleans always sent explicitly).
     *
     * @param scope project, environment and folder to list
     * @param options recursive, imports, reference expansion
     * @return the folder's own secrets, its import blocks and the answer's ETag
     * @throws FolderNotFoundException when the folder does not exist and the server says so (newer servers
     *     answer 404; the Infisical of late 2024 lists a missing folder as empty)
     */
    SecretListing list(Scope scope, ListOptions options);

    /**
     * Conditional list: sends {@code If-None-Match: etag}; empty when the server answers 304 (nothing
     * is parsed then). An empty {@code etag} makes it a plain list.
     *
     * @param scope project, environment and folder to list
     * @param options recursive, imports, reference expansion
     * @param etag the ETag of the listing the caller holds, or {@code ""}
     * @return the new listing, or empty when the folder is unchanged
     */
    Optional<SecretListing> listIfChanged(Scope scope, ListOptions options, String etag);

    /**
     * One secret with imports considered; {@link SecretNotFoundException} when absent.
     *
     * @param scope project, environment and folder to read
     * @param key the exact key name
     * @return the secret Infisical's precedence picks (own secret, else the last import that has it)
     * @throws SecretNotFoundException when neither the folder nor its imports have the key
     */
    Secret get(Scope scope, String key);

    /**
     * One secret with imports considered; empty when absent.
     *
     * @param scope project, environment and folder to read
     * @param key the exact key name
     * @return the secret, or empty when neither the folder nor its imports have the key
     */
    Optional<Secret> find(Scope scope, String key);

    /**
     * Creates; {@link ConflictException} when the key exists, {@link FolderNotFoundException} when the folder does not.
     *
     * @param scope where to create the secret
     * @param secret key, value and comment
     * @param options whether a missing folder is created first
     * @return the created secret as the server stored it
     * @throws ConflictException when the key already exists in the folder
     * @throws FolderNotFoundException when the folder is missing and {@code options} does not create it
     */
    Secret create(Scope scope, NewSecret secret, WriteOptions options);

    /**
     * {@link #create(Scope, NewSecret, WriteOptions)} with default options.
     *
     * @param scope where to create the secret
     * @param secret key, value and comment
     * @return the created secret as the server stored it
     */
    default Secret create(Scope scope, NewSecret secret) {
        return create(scope, secret, WriteOptions.defaults());
    }

    /**
     * Changes value, comment and/or name.
     *
     * @param scope the secret's folder
     * @param key the current key name
     * @param update what to change
     * @return the secret after the change
     * @throws SecretNotFoundException when the folder has no such key
     */
    Secret update(Scope scope, String key, SecretUpdate update);

    /**
     * Deletes and returns the deleted secret.
     *
     * @param scope the secret's folder
     * @param key the key name to delete
     * @return the secret as it was before the delete
     * @throws SecretNotFoundException when the folder has no such key
     */
    Secret delete(Scope scope, String key);

    /**
     * Batch create (all-or-nothing on existing keys).
     *
     * @param scope where to create the secrets
     * @param secrets the secrets, keys distinct
     * @param options whether a missing folder is created first
     * @return the created secrets as the server stored them
     * @throws ConflictException when one of the keys exists (then none is created)
     */
    List<Secret> createAll(Scope scope, List<NewSecret> secrets, WriteOptions options);

    /**
     * Batch create with default options.
     *
     * @param scope where to create the secrets
     * @param secrets the secrets, keys distinct
     * @return the created secrets as the server stored them
     */
    default List<Secret> createAll(Scope scope, List<NewSecret> secrets) {
        return createAll(scope, secrets, WriteOptions.defaults());
    }

    /**
     * Batch update, keyed by current key.
     *
     * @param scope the secrets' folder
     * @param updates current key name to the change for it
     * @return the secrets after the change
     */
    List<Secret> updateAll(Scope scope, Map<String, SecretUpdate> updates);

    /**
     * Batch delete.
     *
     * @param scope the secrets' folder
     * @param keys the key names to delete
     * @return the secrets as they were before the delete
     */
    List<Secret> deleteAll(Scope scope, Collection<String> keys);
}
