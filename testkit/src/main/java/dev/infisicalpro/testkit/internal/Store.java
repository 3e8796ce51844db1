package dev.infisicalpro.testkit.internal;

import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.TokenScope;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The in-memory state of a fake server. Every method must be called while holding the store's
 * monitor ({@code synchronized (store)}): HTTP handlers and seeding share it, which is what makes a
 * seeding change visible to the very next request. Not API.
 *
 * <p>Over 400 lines because it is the whole data model (projects, folders, secrets, imports, tags,
 * tokens, identities, webhooks) guarded by one monitor; splitting it would split that lock.
 */
public final class Store {

    static final SecureRandom RANDOM = new SecureRandom();

    public final Clock clock;
    public final Map<String, Project> projects = new LinkedHashMap<>();
    public final Map<String, ServiceToken> serviceTokens = new LinkedHashMap<>();
    public final Map<String, Identity> identities = new LinkedHashMap<>();
    /** universal-auth client id to identity. */
    public final Map<String, Identity> byClientId = new LinkedHashMap<>();
    /** identityAccessTokenId to row. */
    public final Map<String, AccessToken> accessTokens = new LinkedHashMap<>();
    /** user id to user (a person, for the routes only people may call). */
    public final Map<String, User> users = new LinkedHashMap<>();
    /** Folders whose shared secrets changed since the last {@link #commitChanges()}. */
    private final java.util.Set<Folder> changed = new java.util.LinkedHashSet<>();
    private ChangeListener listener;

    /** Told, under the store lock, which folders' secrets changed in one committed write. */
    public interface ChangeListener {
        void changed(List<Folder> folders);
    }

    /** Signs and checks every JWT of this server (identity access tokens, people's sessions). */
    final Jwt jwt = new Jwt(new com.fasterxml.jackson.databind.ObjectMapper());

    public Store(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ---------------------------------------------------------------- model

    public static final class Project {
        public final String id;
        public final String slug;
        public final String name;
        public final Map<String, Env> envs = new LinkedHashMap<>();
        public final Map<String, Webhook> webhooks = new LinkedHashMap<>();
        /** tag id to tag. */
        public final Map<String, Tag> tags = new LinkedHashMap<>();
        public Instant createdAt;

        Project(String id, String slug, String name) {
            this.id = id;
            this.slug = slug;
            this.name = name;
        }

        public Tag tagBySlug(String slug) {
            for (Tag t : tags.values()) {
                if (t.slug.equals(slug)) {
                    return t;
                }
            }
            return null;
        }
    }

    public static final class Env {
        public final String id = uuid();
        public final Project project;
        public final String slug;
        public final String name;
        public final Folder root;

        Env(Project project, String slug, String name, Instant now) {
            this.project = project;
            this.slug = slug;
            this.name = name;
            this.root = new Folder("root", this, null, now);
        }
    }

    public static final class Folder {
        public final String id = uuid();
        public String name;
        public int version = 1;
        public final Instant createdAt;
        public Instant updatedAt;
        public final Env env;
        public Folder parent;
        public final Map<String, Folder> children = new LinkedHashMap<>();
        public final List<Secret> secrets = new ArrayList<>();
        public final List<Import> imports = new ArrayList<>();

        Folder(String name, Env env, Folder parent, Instant now) {
            this.name = name;
            this.env = env;
            this.parent = parent;
            this.createdAt = now;
            this.updatedAt = now;
        }

        public String path() {
            if (parent == null) {
                return "/";
            }
            String p = parent.path();
            return (p.equals("/") ? "" : p) + "/" + name;
        }

        /** The last secret with this key (batch create can store duplicates; the later one wins on get). */
        public Secret secret(String key) {
            for (int i = secrets.size() - 1; i >= 0; i--) {
                if (secrets.get(i).key.equals(key)) {
                    return secrets.get(i);
                }
            }
            return null;
        }
    }

    public static final class Secret {
        public final String id = uuid();
        public String key;
        public String value;
        public String comment = "";
        public int version = 1;
        public boolean skipMultilineEncoding;
        public String reminderNote;
        public Integer reminderRepeatDays;
        public final Instant createdAt;
        public Instant updatedAt;
        public List<Tag> tags = new ArrayList<>();
        /** The value of every version: index 0 = version 1. */
        public final List<String> history = new ArrayList<>();

        Secret(String key, String value, Instant now) {
            this.key = key;
            this.value = value;
            this.history.add(value);
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    /** A project tag ({@code tagIds} on writes, {@code tagSlugs} on lists). */
    public static final class Tag {
        public final String id = uuid();
        public final String slug;
        public final String name;
        public final String color;
        public final Instant createdAt;

        Tag(String slug, String name, String color, Instant now) {
            this.slug = slug;
            this.name = name;
            this.color = color;
            this.createdAt = now;
        }
    }

    /** A project webhook: {@code secretPath} is a picomatch glob; {@code secretKey} is stored trimmed, "" = none. */
    public static final class Webhook {
        public final String id = uuid();
        public final Env env;
        public final String secretPath;
        public final java.net.URI url;
        public final String secretKey;
        public volatile boolean disabled;
        public volatile String lastStatus;
        public volatile String lastRunErrorMessage;
        public final Instant createdAt;
        public Instant updatedAt;

        Webhook(Env env, String secretPath, java.net.URI url, String secretKey, Instant now) {
            this.env = env;
            this.secretPath = secretPath;
            this.url = url;
            this.secretKey = secretKey == null ? "" : secretKey.trim();
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    /** A person with a session on one project (the fake has no organisations or passwords). */
    public static final class User {
        public final String id = uuid();
        public final String email;
        public final Project project;

        User(String email, Project project) {
            this.email = email;
            this.project = project;
        }
    }

    public static final class Import {
        public final String id = uuid();
        public String envSlug;
        public String path;
        public int position;
        public final Instant createdAt;
        public final Folder folder;

        Import(Folder folder, String envSlug, String path, int position, Instant now) {
            this.folder = folder;
            this.envSlug = envSlug;
            this.path = path;
            this.position = position;
            this.createdAt = now;
        }
    }

    public static final class ServiceToken {
        public final String id;
        public final String secret;
        public final String key;
        public final String name;
        public final Project project;
        public final List<TokenScope> scopes;
        public final Set<Permission> permissions;
        public final Instant expiresAt;
        public final Instant createdAt;
        public Instant updatedAt;
        public Instant lastUsed;
        /** {@code lastUsed} as it was before the current request: what the describe route shows. */
        public Instant lastUsedBefore;

        ServiceToken(String id, String secret, String key, String name, Project project, List<TokenScope> scopes,
                     Set<Permission> permissions, Instant expiresAt, Instant now) {
            this.id = id;
            this.secret = secret;
            this.key = key;
            this.name = name;
            this.project = project;
            this.scopes = List.copyOf(scopes);
            this.permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
            this.expiresAt = expiresAt;
            this.createdAt = now;
            this.updatedAt = now;
        }

        public String token() {
            return "st." + id + "." + secret + "." + key;
        }
    }

    public static final class Identity {
        public final String id = uuid();
        public final String name;
        public final Project project;
        public final Role role;
        public final long ttlSeconds;
        public final long maxTtlSeconds;
        public String clientId;
        public String clientSecret;
        public final String clientSecretId = uuid();
        public String kubernetesJwt;
        public Instant clientSecretCreatedAt;
        public Duration clientSecretTtl = Duration.ZERO;
        public int clientSecretUsesLimit;
        public int clientSecretUses;
        public int accessTokenUsesLimit;
        // CURRENT lockout
        public int failedLogins;
        public Instant firstFailure;
        public Instant lockedUntil;

        Identity(String name, Project project, Role role, long ttlSeconds, long maxTtlSeconds) {
            this.name = name;
            this.project = project;
            this.role = role;
            this.ttlSeconds = ttlSeconds;
            this.maxTtlSeconds = maxTtlSeconds;
        }
    }

    public static final class AccessToken {
        public final String id = uuid();
        public final Identity identity;
        public final Instant createdAt;
        public Instant lastRenewedAt;
        public final long ttlSeconds;
        public final long maxTtlSeconds;
        public final int usesLimit;
        public int uses;
        public String jwt;

        AccessToken(Identity identity, Instant now) {
            this.identity = identity;
            this.createdAt = now;
            this.ttlSeconds = identity.ttlSeconds;
            this.maxTtlSeconds = identity.maxTtlSeconds;
            this.usesLimit = identity.accessTokenUsesLimit;
        }
    }

    // ---------------------------------------------------------------- operations

    public Project createProject(String name, String slug, String id) {
        String pid = id != null ? id : uuid();
        String s = slug != null ? slug : slugify(name);
        for (Project p : projects.values()) {
            if (p.slug.equals(s)) {
                throw new IllegalArgumentException("a project with slug '" + s + "' already exists");
            }
        }
        if (projects.containsKey(pid)) {
            throw new IllegalArgumentException("a project with id '" + pid + "' already exists");
        }
        Project p = new Project(pid, s, name);
        p.createdAt = now();
        projects.put(pid, p);
        return p;
    }

    static String slugify(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "project" : s;
    }

    public Project project(String idOrSlug) {
        Project p = projects.get(idOrSlug);
        if (p != null) {
            return p;
        }
        for (Project q : projects.values()) {
            if (q.slug.equals(idOrSlug)) {
                return q;
            }
        }
        return null;
    }

    public Env createEnvironment(Project p, String slug, String name) {
        if (p.envs.containsKey(slug)) {
            throw new IllegalArgumentException("environment '" + slug + "' already exists");
        }
        Env e = new Env(p, slug, name, now());
        p.envs.put(slug, e);
        return e;
    }

    public Env env(Project p, String slug) {
        Env e = p.envs.get(slug);
        if (e == null) {
            throw new IllegalArgumentException("no environment '" + slug + "' in project " + p.slug
                    + " (has " + p.envs.keySet() + ")");
        }
        return e;
    }

    /** Splits an absolute path into segments; {@code null} if the path is not absolute or has an empty segment. */
    public static List<String> segments(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (path.equals("/")) {
            return out;
        }
        for (String s : path.substring(1).split("/", -1)) {
            if (s.isEmpty()) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /** The folder at {@code path}, or {@code null}. */
    public static Folder folder(Env env, String path) {
        List<String> segs = segments(path);
        if (segs == null) {
            return null;
        }
        Folder f = env.root;
        for (String s : segs) {
            f = f.children.get(s);
            if (f == null) {
                return null;
            }
        }
        return f;
    }

    /** Creates the folder and its missing parents ({@code mkdir -p}); returns the deepest one. */
    public Folder mkdirs(Env env, String path) {
        List<String> segs = segments(path);
        if (segs == null) {
            throw new IllegalArgumentException("not an absolute folder path: '" + path + "'");
        }
        Folder f = env.root;
        for (String s : segs) {
            f = child(f, s);
        }
        return f;
    }

    public Folder child(Folder parent, String name) {
        Folder c = parent.children.get(name);
        if (c == null) {
            c = new Folder(name, parent.env, parent, now());
            parent.children.put(name, c);
        }
        return c;
    }

    public static String trimValue(String value) {
        String t = value.strip();
        return value.endsWith("\n") ? t + "\n" : t;
    }

    public Secret createSecret(Folder folder, String key, String value) {
        Secret s = new Secret(key, value, now());
        folder.secrets.add(s);
        changed.add(folder);
        return s;
    }

    /** Records a changed secret of {@code folder}: bumps version and {@code updatedAt}. */
    public void touch(Folder folder, Secret s) {
        s.version++;
        s.history.add(s.value); // callers change the value first: this is the new version's value
        s.updatedAt = now();
        changed.add(folder);
    }

    /** Removes every secret named {@code key}; returns whether there was one. */
    public boolean removeSecrets(Folder folder, String key) {
        boolean removed = folder.secrets.removeIf(x -> x.key.equals(key));
        if (removed) {
            changed.add(folder);
        }
        return removed;
    }

    /** Removes one secret row. */
    public void removeSecret(Folder folder, Secret s) {
        if (folder.secrets.remove(s)) {
            changed.add(folder);
        }
    }

    public void listener(ChangeListener l) {
        this.listener = l;
    }

    /** Ends a write that succeeded: the listener (webhooks) hears of its changed folders once. */
    public void commitChanges() {
        if (changed.isEmpty()) {
            return;
        }
        List<Folder> folders = List.copyOf(changed);
        changed.clear();
        if (listener != null) {
            listener.changed(folders);
        }
    }

    /** Ends a write that failed: nothing is announced. */
    public void discardChanges() {
        changed.clear();
    }

    public Tag createTag(Project p, String slug, String name, String color) {
        if (p.tagBySlug(slug) != null) {
            throw new IllegalArgumentException("tag '" + slug + "' already exists");
        }
        Tag t = new Tag(slug, name == null ? slug : name, color == null ? "#bec2c8" : color, now());
        p.tags.put(t.id, t);
        return t;
    }

    /** The organisation every project of this fake belongs to. */
    public final String orgId = uuid();
    /** {@code GET /api/status} {@code inviteOnlySignup} (an instance setting; the recorded server had true). */
    public volatile boolean inviteOnlySignup;

    public Webhook addWebhook(Env env, String secretPath, java.net.URI url, String secretKey) {
        Webhook w = new Webhook(env, secretPath, url, secretKey, now());
        env.project.webhooks.put(w.id, w);
        return w;
    }

    /** Creates a person on {@code p} and returns a session token (a JWT of type {@code accessToken}, as the server's). */
    public String createUserSession(Project p, String email) {
        User u = new User(email, p);
        users.put(u.id, u);
        com.fasterxml.jackson.databind.node.ObjectNode payload = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        payload.put("authTokenType", "accessToken");
        payload.put("userId", u.id);
        payload.put("tokenVersionId", uuid());
        payload.put("accessVersion", 1);
        payload.put("iat", now().getEpochSecond());
        return jwt.sign(payload);
    }

    public Import addImport(Folder folder, String envSlug, String path) {
        int pos = folder.imports.stream().mapToInt(i -> i.position).max().orElse(0) + 1;
        Import i = new Import(folder, envSlug, path, pos, now());
        folder.imports.add(i);
        return i;
    }

    public ServiceToken createServiceToken(Project p, String name, List<TokenScope> scopes, Set<Permission> perms,
                                           Instant expiresAt, String fixedToken) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a service token needs at least one scope");
        }
        for (TokenScope sc : scopes) {
            env(p, sc.environment());
        }
        String id = uuid();
        String secret = hex(16);
        String key = hex(16);
        if (fixedToken != null) {
            String[] parts = fixedToken.split("\\.", -1);
            if (parts.length != 4 || !parts[0].equals("st") || parts[1].isEmpty() || parts[2].isEmpty()) {
                throw new IllegalArgumentException("a service token has the form st.<id>.<secret>.<key>");
            }
            id = parts[1];
            secret = parts[2];
            key = parts[3];
        }
        ServiceToken t = new ServiceToken(id, secret, key, name, p, scopes, perms, expiresAt, now());
        serviceTokens.put(id, t);
        return t;
    }

    public Identity createUniversalAuthIdentity(Project p, String name, Role role, Duration ttl, Duration maxTtl,
                                                String clientId, String clientSecret) {
        Identity i = new Identity(name, p, role, ttl.toSeconds(), maxTtl.toSeconds());
        i.clientId = clientId != null ? clientId : uuid();
        i.clientSecret = clientSecret != null ? clientSecret : hex(32);
        i.clientSecretCreatedAt = now();
        if (byClientId.containsKey(i.clientId)) {
            throw new IllegalArgumentException("client id already used: " + i.clientId);
        }
        identities.put(i.id, i);
        byClientId.put(i.clientId, i);
        return i;
    }

    public Identity createKubernetesIdentity(Project p, String name, String jwt, Role role, Duration ttl,
                                             Duration maxTtl) {
        Identity i = new Identity(name, p, role, ttl.toSeconds(), maxTtl.toSeconds());
        i.kubernetesJwt = jwt;
        identities.put(i.id, i);
        return i;
    }

    public AccessToken issueAccessToken(Identity identity) {
        AccessToken t = new AccessToken(identity, now());
        accessTokens.put(t.id, t);
        return t;
    }
}
