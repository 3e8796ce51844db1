package dev.infisicalpro.testkit;

import dev.infisicalpro.testkit.internal.Store;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A project of a {@link FakeInfisical}, for seeding and for inspecting state. All methods write
 * straight into memory (no HTTP), are thread-safe and are visible to the next request.
 * Paths are absolute folder paths ({@code /}, {@code /app/sub}).
 *
 * <pre>{@code
 * FakeProject p = fake.createProject("demo");
 * p.createFolder("dev", "/app/sub");
 * p.putSecret("dev", "/app", "DB_PASSWORD", "s3cret");
 * p.addImport("dev", "/app", "staging", "/app");
 * ServiceTokenCredentials st = p.createServiceToken("ci", List.of(TokenScope.of("dev", "/**")),
 *         EnumSet.of(Permission.READ, Permission.WRITE));
 * }</pre>
 *
 * <p>Over 400 lines because it is the public seeding API: one documented method per seeding action.
 */
public final class FakeProject {

    private final Store store;
    private final Store.Project project;

    FakeProject(Store store, Store.Project project) {
        this.store = store;
        this.project = project;
    }

    /**
     * Project (workspace) id.
     *
     * @return project (workspace) id
     */
    public String id() {
        return project.id;
    }

    /**
     * Project slug.
     *
     * @return project slug
     */
    public String slug() {
        return project.slug;
    }

    /**
     * Project name.
     *
     * @return project name
     */
    public String name() {
        return project.name;
    }

    /**
     * Environment slugs in creation order.
     *
     * @return environment slugs in creation order
     */
    public List<String> environments() {
        synchronized (store) {
            return List.copyOf(project.envs.keySet());
        }
    }

    /**
     * Adds an environment.
     *
     * @param slug project slug ({@code null} = derived from the name)
     * @param name name
     * @return this project
     */
    public FakeProject createEnvironment(String slug, String name) {
        synchronized (store) {
            store.createEnvironment(project, Objects.requireNonNull(slug, "slug"), Objects.requireNonNull(name, "name"));
        }
        return this;
    }

    /**
     * Creates a folder and its missing parents (existing ones are kept).
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @return this project
     */
    public FakeProject createFolder(String environment, String path) {
        synchronized (store) {
            store.mkdirs(store.env(project, environment), path);
        }
        return this;
    }

    /**
     * Creates or overwrites a secret (an overwrite bumps {@code version} and {@code updatedAt}). The
     * folder is created if missing. The value is stored as given (no server-side trimming).
     *
     * @param environment environment slug
     * @param path        absolute folder path, e.g. {@code /app}
     * @param key         secret key
     * @param value       secret value
     * @return this project
     */
    public FakeProject putSecret(String environment, String path, String key, String value) {
        return putSecret(environment, path, key, value, "");
    }

    /**
     * Like {@link #putSecret(String, String, String, String)} with a comment.
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @param key secret key
     * @param value secret value
     * @param comment secret comment ({@code null} = none)
     * @return this project
     */
    public FakeProject putSecret(String environment, String path, String key, String value, String comment) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        synchronized (store) {
            Store.Folder f = store.mkdirs(store.env(project, environment), path);
            Store.Secret s = f.secret(key);
            if (s == null) {
                s = store.createSecret(f, key, value);
                s.comment = comment == null ? "" : comment;
            } else {
                s.value = value;
                s.comment = comment == null ? "" : comment;
                store.touch(f, s);
            }
            store.commitChanges();
        }
        return this;
    }

    /**
     * Sets {@code skipMultilineEncoding} of an existing secret.
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @param key secret key
     * @param skip the new flag
     * @return this project
     */
    public FakeProject skipMultilineEncoding(String environment, String path, String key, boolean skip) {
        synchronized (store) {
            Store.Secret s = existing(environment, path, key);
            s.skipMultilineEncoding = skip;
        }
        return this;
    }

    /**
     * Deletes a secret; returns whether it existed.
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @param key secret key
     * @return whether the secret existed
     */
    public boolean deleteSecret(String environment, String path, String key) {
        synchronized (store) {
            Store.Folder f = Store.folder(store.env(project, environment), path);
            boolean existed = f != null && store.removeSecrets(f, key);
            store.commitChanges();
            return existed;
        }
    }

    /**
     * The current value of a secret, if it exists (for assertions after API writes).
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @param key secret key
     * @return the value, or empty if the secret does not exist
     */
    public Optional<String> secretValue(String environment, String path, String key) {
        synchronized (store) {
            Store.Folder f = Store.folder(store.env(project, environment), path);
            Store.Secret s = f == null ? null : f.secret(key);
            return s == null ? Optional.empty() : Optional.of(s.value);
        }
    }

    /**
     * The current version of a secret, if it exists.
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @param key secret key
     * @return the version, or empty if the secret does not exist
     */
    public Optional<Integer> secretVersion(String environment, String path, String key) {
        synchronized (store) {
            Store.Folder f = Store.folder(store.env(project, environment), path);
            Store.Secret s = f == null ? null : f.secret(key);
            return s == null ? Optional.empty() : Optional.of(s.version);
        }
    }

    /**
     * Whether a folder exists.
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @return whether a folder exists
     */
    public boolean folderExists(String environment, String path) {
        synchronized (store) {
            return Store.folder(store.env(project, environment), path) != null;
        }
    }

    /**
     * Direct sub-folder names of a folder, sorted (empty if the folder does not exist).
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @return the sorted names
     */
    public List<String> folders(String environment, String path) {
        synchronized (store) {
            Store.Folder f = Store.folder(store.env(project, environment), path);
            if (f == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>(f.children.keySet());
            names.sort(null);
            return names;
        }
    }

    /**
     * Makes {@code environment:path} import {@code fromEnvironment:fromPath} (appended after existing
     * imports). The importing folder is created if missing; the source is not, because a missing
     * source is legal (the server skips it when listing).
     *
     * @param environment     environment slug of the importing folder
     * @param path            path of the importing folder
     * @param fromEnvironment environment slug of the import source
     * @param fromPath        folder path of the import source
     * @return this project
     */
    public FakeProject addImport(String environment, String path, String fromEnvironment, String fromPath) {
        synchronized (store) {
            Store.Folder f = store.mkdirs(store.env(project, environment), path);
            store.env(project, fromEnvironment); // fails fast on an unknown environment
            store.addImport(f, fromEnvironment, fromPath);
        }
        return this;
    }

    /**
     * Creates a service token that never expires.
     *
     * @param name name
     * @param scopes at least one scope
     * @param permissions read and/or write
     * @return the token's credentials
     */
    public ServiceTokenCredentials createServiceToken(String name, List<TokenScope> scopes, Set<Permission> permissions) {
        return createServiceToken(name, scopes, permissions, null);
    }

    /**
     * Creates a service token that expires at {@code expiresAt} ({@code null} = never), by the fake's clock.
     *
     * @param name name
     * @param scopes at least one scope
     * @param permissions read and/or write
     * @param expiresAt expiry by the fake's clock ({@code null} = never)
     * @return the token's credentials
     */
    public ServiceTokenCredentials createServiceToken(String name, List<TokenScope> scopes, Set<Permission> permissions,
                                                      Instant expiresAt) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(permissions, "permissions");
        synchronized (store) {
            Store.ServiceToken t = store.createServiceToken(project, name, scopes,
                    permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions),
                    expiresAt, null);
            return new ServiceTokenCredentials(t.id, t.name, project.id, t.token());
        }
    }

    /**
     * Deletes a service token, as a user revoking it in the web UI would: its next use answers
     * 404 "Service token with ID '&lt;id&gt;' not found".
     *
     * @param tokenId the token id ({@link ServiceTokenCredentials#id()})
     * @return whether the token existed in this project
     */
    public boolean deleteServiceToken(String tokenId) {
        synchronized (store) {
            Store.ServiceToken t = store.serviceTokens.get(tokenId);
            if (t == null || t.project != project) {
                return false;
            }
            store.serviceTokens.remove(tokenId);
            return true;
        }
    }

    /**
     * Creates a machine identity with universal auth and a role on this project.
     *
     * @param name              identity name
     * @param role              project role
     * @param accessTokenTtl    {@code expiresIn} of its access tokens; zero = no TTL
     * @param accessTokenMaxTtl {@code accessTokenMaxTTL} (the JWT {@code exp}); zero = none
     * @return the identity's credentials
     */
    public UniversalAuthCredentials createUniversalAuthIdentity(String name, Role role, Duration accessTokenTtl,
                                                                Duration accessTokenMaxTtl) {
        return createUniversalAuthIdentity(name, role, accessTokenTtl, accessTokenMaxTtl, UniversalAuthLimits.NONE);
    }

    /**
     * Like {@link #createUniversalAuthIdentity(String, Role, Duration, Duration)} with client-secret and token limits.
     *
     * @param name name
     * @param role project role
     * @param accessTokenTtl {@code expiresIn} of its access tokens; zero = no TTL
     * @param accessTokenMaxTtl {@code accessTokenMaxTTL}, the JWT {@code exp}; zero = none
     * @param limits client-secret and token limits
     * @return the identity's credentials
     */
    public UniversalAuthCredentials createUniversalAuthIdentity(String name, Role role, Duration accessTokenTtl,
                                                                Duration accessTokenMaxTtl, UniversalAuthLimits limits) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(limits, "limits");
        synchronized (store) {
            Store.Identity i = store.createUniversalAuthIdentity(project, name, role, accessTokenTtl, accessTokenMaxTtl,
                    null, null);
            i.clientSecretTtl = limits.clientSecretTtl();
            i.clientSecretUsesLimit = limits.clientSecretUsesLimit();
            i.accessTokenUsesLimit = limits.accessTokenUsesLimit();
            return new UniversalAuthCredentials(i.id, i.clientId, i.clientSecret);
        }
    }

    /**
     * Creates a machine identity with Kubernetes auth: a login with this identity id and exactly
     * {@code jwt} succeeds (no TokenReview is run), any other JWT gets 401 "Kubernetes token not
     * authenticated". Tokens live 2 h (max 24 h).
     *
     * @param name identity name
     * @param jwt  the service-account JWT that logs in
     * @param role project role
     * @return the identity id
     */
    public String createKubernetesIdentity(String name, String jwt, Role role) {
        return createKubernetesIdentity(name, jwt, role, Duration.ofHours(2), Duration.ofHours(24));
    }

    /**
     * Like {@link #createKubernetesIdentity(String, String, Role)} with token TTLs.
     *
     * @param name name
     * @param jwt the service-account JWT that logs in
     * @param role project role
     * @param accessTokenTtl {@code expiresIn} of its access tokens; zero = no TTL
     * @param accessTokenMaxTtl {@code accessTokenMaxTTL}, the JWT {@code exp}; zero = none
     * @return the identity id
     */
    public String createKubernetesIdentity(String name, String jwt, Role role, Duration accessTokenTtl,
                                           Duration accessTokenMaxTtl) {
        Objects.requireNonNull(jwt, "jwt");
        synchronized (store) {
            return store.createKubernetesIdentity(project, name, jwt, role, accessTokenTtl, accessTokenMaxTtl).id;
        }
    }

    /**
     * Deletes a machine identity: its tokens stop working (401 "No identity access token found").
     *
     * @param identityId machine identity id
     * @return whether the identity existed
     */
    public boolean deleteIdentity(String identityId) {
        synchronized (store) {
            Store.Identity i = store.identities.remove(identityId);
            if (i != null && i.clientId != null) {
                store.byClientId.remove(i.clientId);
            }
            return i != null;
        }
    }

    /**
     * Creates a project tag (for {@code tagIds} on writes and {@code tagSlugs} on lists).
     *
     * @param slug the tag slug (also its name)
     * @return the tag id
     */
    public String createTag(String slug) {
        Objects.requireNonNull(slug, "slug");
        synchronized (store) {
            return store.createTag(project, slug, slug, null).id;
        }
    }

    /**
     * The slugs of a secret's tags, in the order they were set (empty if the secret does not exist).
     *
     * @param environment environment slug
     * @param path absolute folder path, e.g. {@code /app}
     * @param key secret key
     * @return the tag slugs
     */
    public List<String> secretTags(String environment, String path, String key) {
        synchronized (store) {
            Store.Folder f = Store.folder(store.env(project, environment), path);
            Store.Secret s = f == null ? null : f.secret(key);
            return s == null ? List.of() : s.tags.stream().map(t -> t.slug).toList();
        }
    }

    /**
     * Registers a signed webhook, as a person would in the web UI: every change of a shared secret in
     * {@code environment} under a folder matching {@code secretPathGlob} is delivered to {@code url}
     * (see {@link Webhooks} for body, signature, timing and retries).
     *
     * @param environment    environment slug
     * @param secretPathGlob picomatch glob of folders ({@code /app} = that folder only, {@code /app/**} = it and below);
     *                       a trailing slash is removed as the server does
     * @param url            where deliveries are POSTed
     * @param secretKey      the signing key (trimmed, as the server does); blank = unsigned deliveries
     * @return the webhook
     */
    public FakeWebhook addWebhook(String environment, String secretPathGlob, URI url, String secretKey) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(secretPathGlob, "secretPathGlob");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secretKey, "secretKey");
        String glob = secretPathGlob.trim();
        glob = glob.length() > 1 && glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
        synchronized (store) {
            return new FakeWebhook(store.addWebhook(store.env(project, environment), glob, url, secretKey));
        }
    }

    /**
     * Registers an unsigned webhook (no {@code x-infisical-signature} header).
     *
     * @param environment    environment slug
     * @param secretPathGlob picomatch glob of folders
     * @param url            where deliveries are POSTed
     * @return the webhook
     */
    public FakeWebhook addWebhook(String environment, String secretPathGlob, URI url) {
        return addWebhook(environment, secretPathGlob, url, "");
    }

    /**
     * The project's webhooks, in creation order.
     *
     * @return the webhooks
     */
    public List<FakeWebhook> webhooks() {
        synchronized (store) {
            return project.webhooks.values().stream().map(FakeWebhook::new).toList();
        }
    }

    /**
     * Removes a webhook.
     *
     * @param webhookId the webhook id
     * @return whether it existed in this project
     */
    public boolean deleteWebhook(String webhookId) {
        synchronized (store) {
            return project.webhooks.remove(webhookId) != null;
        }
    }

    /**
     * Creates a person who is a member of this project and returns a session token for them. The real
     * server lets only people manage webhooks; the fake accepts this token on the
     * {@code /api/v1/webhooks} routes only (elsewhere it answers 403).
     *
     * @param email the person's e-mail (informational)
     * @return a bearer token for {@code Authorization: Bearer <token>}
     */
    public String createUserSession(String email) {
        Objects.requireNonNull(email, "email");
        synchronized (store) {
            return store.createUserSession(project, email);
        }
    }

    private Store.Secret existing(String environment, String path, String key) {
        Store.Folder f = Store.folder(store.env(project, environment), path);
        Store.Secret s = f == null ? null : f.secret(key);
        if (s == null) {
            throw new IllegalArgumentException("no secret " + key + " at " + environment + ":" + path);
        }
        return s;
    }

    @Override
    public String toString() {
        return "FakeProject[id=" + project.id + ", slug=" + project.slug + "]";
    }
}
