package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.internal.FakeServer.Caller;
import dev.infisicalpro.testkit.internal.Store.Env;
import dev.infisicalpro.testkit.internal.Store.Folder;
import dev.infisicalpro.testkit.internal.Store.Import;
import dev.infisicalpro.testkit.internal.Store.Project;
import dev.infisicalpro.testkit.internal.Store.Secret;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Endpoint logic. Every method runs while the caller holds the store monitor. The order of checks
 * in each handler follows the server (OCT24 transcripts first, source where nothing was observed),
 * because the order decides which error a client sees. Not API.
 */
final class Api {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern OCT24_REF = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern CUR_REF = Pattern.compile("\\$\\{([a-zA-Z0-9-_.]+)}");
    private static final Pattern FOLDER_NAME = Pattern.compile("^[a-zA-Z0-9\\-_]+$");
    private static final int MAX_REFERENCE_DEPTH = 10;
    private static final int MAX_IMPORT_DEPTH = 10;
    private static final int MAX_FOLDER_DEPTH = 20;

    private final FakeServer srv;
    private final Store store;
    private final boolean oct24;

    Api(FakeServer srv) {
        this.srv = srv;
        this.store = srv.store;
        this.oct24 = srv.generation == Generation.OCT24;
    }

    static String iso(Instant i) {
        return ISO.format(i);
    }

    // ================================================================== small helpers

    private ObjectNode obj() {
        return srv.obj();
    }

    private ArrayNode arr() {
        return srv.arr();
    }

    private int validationStatus() {
        return oct24 ? 401 : 422;
    }

    /** Collects zod-shaped issues; {@link #check()} throws them as one ValidationFailure. */
    /** A zod "Required" issue per missing query parameter, answered as the generation's validation error. */
    private void requireQuery(Req r, String... names) {
        Issues issues = new Issues();
        for (String name : names) {
            if (r.q(name) == null) {
                issues.add("invalid_type", "string", "undefined", name, "Required");
            }
        }
        issues.check();
    }

    /** A zod issue per missing or non-string body field, answered as the generation's validation error. */
    private void requireBody(JsonNode body, String... fields) {
        Issues issues = new Issues();
        for (String field : fields) {
            issues.required(body, field);
        }
        issues.check();
    }

    private final class Issues {
        final List<Map<String, Object>> list = new ArrayList<>();

        void required(JsonNode body, String field) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                add("invalid_type", "string", v == null ? "undefined" : "null", field, "Required");
            } else if (!v.isTextual()) {
                add("invalid_type", "string", jsType(v), field, "Expected string, received " + jsType(v));
            }
        }

        void optionalString(JsonNode body, String field) {
            JsonNode v = body.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                add("invalid_type", "string", jsType(v), field, "Expected string, received " + jsType(v));
            }
        }

        void add(String code, String expected, String received, Object path, String message) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", code);
            m.put("expected", expected);
            m.put("received", received);
            m.put("path", path instanceof List<?> l ? l : List.of(path));
            m.put("message", message);
            list.add(m);
        }

        void enumValue(String field, String value, List<String> options) {
            if (value != null && !options.contains(value)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("received", value);
                m.put("code", "invalid_enum_value");
                m.put("options", options);
                m.put("path", List.of(field));
                m.put("message", "Invalid enum value. Expected " + String.join(" | ",
                        options.stream().map(o -> "'" + o + "'").toList()) + ", received '" + value + "'");
                list.add(m);
            }
        }

        void custom(String field, String message) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", "custom");
            m.put("message", message);
            m.put("path", List.of(field));
            list.add(m);
        }

        void check() {
            if (!list.isEmpty()) {
                throw ApiError.validation(validationStatus(), list);
            }
        }
    }

    private static String jsType(JsonNode v) {
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        if (v.isNull()) {
            return "null";
        }
        return "string";
    }

    private boolean bool(Req r, String name, Issues issues) {
        String v = r.q(name);
        issues.enumValue(name, v, List.of("true", "false"));
        return "true".equals(v);
    }

    /** Parses the body the way Fastify + zod see it: JSON object, form fields, or a validation failure. */
    ObjectNode body(Req r) {
        String ct = r.header("content-type");
        ct = ct == null ? "" : ct.toLowerCase(Locale.ROOT);
        Issues issues = new Issues();
        if (r.body.length == 0) {
            issues.add("invalid_type", "object", "null", List.of(), "Expected object, received null");
            issues.check();
        }
        if (ct.startsWith("application/json") || ct.contains("+json")) {
            JsonNode n;
            try {
                n = srv.mapper.readTree(r.body);
            } catch (Exception e) {
                throw ApiError.framework(); // malformed JSON is a framework error → 500
            }
            if (n == null || !n.isObject()) {
                String t = n == null || n.isNull() ? "null" : jsType(n);
                issues.add("invalid_type", "object", t, List.of(), "Expected object, received " + t);
                issues.check();
            }
            return (ObjectNode) n;
        }
        if (ct.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode o = obj();
            FakeServer.parseQuery(new String(r.body, StandardCharsets.UTF_8)).forEach((k, v) -> o.put(k, v.get(0)));
            return o;
        }
        issues.add("invalid_type", "object", "string", List.of(), "Expected object, received string");
        issues.check();
        throw new IllegalStateException();
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** {@code secretPath} of the secrets routes: trim, default "/", drop one trailing slash. */
    static String secretPath(String raw) {
        String p = raw == null ? "/" : raw.trim();
        if (p.isEmpty()) {
            p = "/";
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Folder routes also prefix a missing leading slash. */
    static String folderPath(String raw) {
        String p = raw == null ? "/" : raw.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** OCT24 fails path lookups whose folder names it would not accept with a 500 "Find by secret path". */
    private void checkPathNames(String path) {
        if (!oct24) {
            return;
        }
        List<String> segs = Store.segments(path);
        if (segs == null) {
            return;
        }
        for (String s : segs) {
            if (!FOLDER_NAME.matcher(s).matches()) {
                throw ApiError.internal("Find by secret path");
            }
        }
    }

    // ================================================================== permissions

    private boolean can(Caller c, String action, String env, String path) {
        if (c.identity != null) {
            return c.identity.role == Role.ADMIN || action.equals("read");
        }
        Permission needed = action.equals("read") ? Permission.READ : Permission.WRITE;
        if (!c.st.permissions.contains(needed)) {
            return false;
        }
        for (TokenScope s : c.st.scopes) {
            if (s.environment().equals(env) && Glob.matches(path, s.secretPath())) {
                return true;
            }
        }
        return false;
    }

    private boolean hasAnyRead(Caller c) {
        return c.identity != null || c.st.permissions.contains(Permission.READ);
    }

    private void require(Caller c, String action, String env, String path) {
        if (!can(c, action, env, path)) {
            throw ApiError.permissionDenied(action, "secrets");
        }
    }

    /** Project lookup and membership, as the secrets routes do it (bot lookup first). */
    private Project project(Caller c, String id) {
        Project p = store.projects.get(id);
        if (p == null) {
            throw ApiError.notFound("Project with ID '" + id
                    + "' not found during bot lookup. Are you sure you are using the correct project ID?");
        }
        member(c, p);
        return p;
    }

    private void member(Caller c, Project p) {
        if (c.st != null && c.st.project != p) {
            throw ApiError.forbiddenNamed("Service token not a part of the specified project with ID " + p.id);
        }
        if (c.identity != null && c.identity.project != p) {
            throw ApiError.forbiddenNamed("Identity is not a member of the specified project with ID '" + p.id + "'");
        }
    }

    /** Project for folder/import routes: permission (membership) is checked before anything else. */
    private Project projectForFolders(Caller c, String id) {
        Project p = store.projects.get(id);
        if (p == null) {
            if (c.st != null) {
                throw ApiError.forbiddenNamed("Service token not a part of the specified project with ID " + id);
            }
            throw ApiError.forbiddenNamed("Identity is not a member of the specified project with ID '" + id + "'");
        }
        member(c, p);
        return p;
    }

    private boolean singleNonGlobScope(Caller c) {
        return c.st != null && c.st.scopes.size() == 1 && !Glob.isGlob(c.st.scopes.get(0).secretPath());
    }

    private String resolveSlug(Caller c, String workspaceId, String slug) {
        // OCT24 honours workspaceSlug only for machine identities; CURRENT for every non-service-token caller
        if (workspaceId == null && slug != null && c.st == null) {
            for (Project p : store.projects.values()) {
                if (p.slug.equals(slug)) {
                    return p.id;
                }
            }
            if (oct24) {
                // observed: the slug lookup fails inside a database helper and surfaces as a 500
                throw new ApiError(500, "DatabaseError", "Failed to find project by slug");
            }
            throw ApiError.notFound("No project found with slug " + slug);
        }
        return workspaceId;
    }

    private static String folderNotFound(String path, String env) {
        return "Folder with path '" + path + "' in environment with slug '" + env + "' not found";
    }

    // ================================================================== JSON shapes

    private ObjectNode secretJson(Secret s, Env env, String workspace, String value, boolean dates) {
        ObjectNode o = obj();
        o.put("id", s.id);
        o.put("_id", s.id);
        o.put("workspace", workspace);
        o.put("environment", env.slug);
        o.put("version", s.version);
        o.put("type", "shared");
        o.put("secretKey", s.key);
        o.put("secretValue", value);
        o.put("secretComment", s.comment);
        if (s.reminderNote == null) {
            o.putNull("secretReminderNote");
        } else {
            o.put("secretReminderNote", s.reminderNote);
        }
        if (s.reminderRepeatDays == null) {
            o.putNull("secretReminderRepeatDays");
        } else {
            o.put("secretReminderRepeatDays", s.reminderRepeatDays);
        }
        o.put("skipMultilineEncoding", s.skipMultilineEncoding);
        if (oct24) {
            o.putNull("metadata");
        }
        if (dates) {
            o.put("createdAt", iso(s.createdAt));
            o.put("updatedAt", iso(s.updatedAt));
        }
        if (!oct24) {
            o.put("secretValueHidden", false);
        }
        return o;
    }

    private ObjectNode folderJson(Folder f) {
        ObjectNode o = obj();
        o.put("id", f.id);
        o.put("name", f.name);
        o.put("version", f.version);
        o.put("createdAt", iso(f.createdAt));
        o.put("updatedAt", iso(f.updatedAt));
        o.put("envId", f.env.id);
        if (f.parent == null) {
            o.putNull("parentId");
        } else {
            o.put("parentId", f.parent.id);
        }
        o.put("isReserved", false);
        if (!oct24) {
            o.putNull("description");
        }
        return o;
    }

    private ObjectNode importJson(Project p, Import i) {
        ObjectNode o = obj();
        o.put("id", i.id);
        o.put("version", 1);
        o.put("importPath", i.path);
        o.put("position", i.position);
        o.put("createdAt", iso(i.createdAt));
        o.put("updatedAt", iso(i.createdAt));
        o.put("folderId", i.folder.id);
        o.put("isReplication", false);
        o.putNull("isReplicationSuccess");
        o.putNull("replicationStatus");
        o.putNull("lastReplicated");
        o.put("isReserved", false);
        ObjectNode env = o.putObject("importEnv");
        Env e = p.envs.get(i.envSlug);
        env.put("name", e != null ? e.name : i.envSlug);
        env.put("slug", i.envSlug);
        env.put("id", e != null ? e.id : "");
        return o;
    }

    // ================================================================== status & auth

    JsonNode status() {
        ObjectNode o = obj();
        o.put("date", iso(store.now()));
        o.put("message", "Ok");
        o.put("emailConfigured", false);
        o.put("inviteOnlySignup", store.inviteOnlySignup);
        o.put("redisConfigured", true);
        o.put("secretScanningConfigured", false);
        return o;
    }

    JsonNode universalAuthLogin(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "clientId", "clientSecret");
        String clientId = b.get("clientId").asText().trim();
        String clientSecret = b.get("clientSecret").asText().trim();
        Store.Identity id = store.byClientId.get(clientId);
        if (id == null || !store.identities.containsKey(id.id)) {
            if (oct24) {
                throw ApiError.notFound("No identity with specified client ID was found");
            }
            throw ApiError.unauthorized("Invalid credentials");
        }
        Instant now = store.now();
        if (!oct24) {
            if (id.lockedUntil != null && now.isBefore(id.lockedUntil)) {
                throw ApiError.unauthorized("This identity auth method is temporarily locked, please try again later");
            }
            if (id.lockedUntil != null) {
                id.lockedUntil = null;
                id.failedLogins = 0;
            }
        }
        boolean ok = java.security.MessageDigest.isEqual(id.clientSecret.getBytes(StandardCharsets.UTF_8),
                clientSecret.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            if (!oct24) {
                // CURRENT: 3 failures within 30 s lock the auth method for 300 s
                if (id.firstFailure == null || now.isAfter(id.firstFailure.plusSeconds(30))) {
                    id.firstFailure = now;
                    id.failedLogins = 0;
                }
                if (++id.failedLogins >= 3) {
                    id.lockedUntil = now.plusSeconds(300);
                }
            }
            throw ApiError.unauthorized("Invalid credentials");
        }
        id.failedLogins = 0;
        id.firstFailure = null;
        if (!id.clientSecretTtl.isZero() && now.isAfter(id.clientSecretCreatedAt.plus(id.clientSecretTtl))) {
            throw ApiError.unauthorized("Access denied due to expired client secret");
        }
        if (id.clientSecretUsesLimit > 0 && id.clientSecretUses >= id.clientSecretUsesLimit) {
            throw ApiError.unauthorized("Access denied due to client secret usage limit reached");
        }
        id.clientSecretUses++;
        return issue(id);
    }

    JsonNode kubernetesLogin(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "identityId", "jwt");
        Store.Identity id = store.identities.get(b.get("identityId").asText().trim());
        if (id == null || id.kubernetesJwt == null) {
            throw ApiError.notFound("Kubernetes auth method not found for identity, did you configure Kubernetes auth?");
        }
        if (!id.kubernetesJwt.equals(b.get("jwt").asText())) {
            throw new ApiError(401, "UnauthorizedError", "Kubernetes token not authenticated");
        }
        return issue(id);
    }

    private ObjectNode issue(Store.Identity identity) {
        Store.AccessToken row = store.issueAccessToken(identity);
        row.jwt = signFor(row, store.now());
        return tokenResponse(row, row.jwt);
    }

    private String signFor(Store.AccessToken row, Instant iat) {
        ObjectNode payload = obj();
        payload.put("identityId", row.identity.id);
        payload.put("clientSecretId", row.identity.clientSecretId);
        payload.put("identityAccessTokenId", row.id);
        payload.put("authTokenType", "identityAccessToken");
        payload.put("iat", iat.getEpochSecond());
        if (row.maxTtlSeconds > 0) {
            // the JWT exp is fixed at creation + max TTL; the TTL window is tracked server-side
            payload.put("exp", row.createdAt.getEpochSecond() + row.maxTtlSeconds);
        }
        payload.put("jti", Store.uuid()); // CURRENT renew must yield a different string
        return srv.jwt.sign(payload);
    }

    private ObjectNode tokenResponse(Store.AccessToken row, String token) {
        ObjectNode o = obj();
        o.put("accessToken", token);
        o.put("expiresIn", row.ttlSeconds);
        o.put("accessTokenMaxTTL", row.maxTtlSeconds);
        o.put("tokenType", "Bearer");
        return o;
    }

    JsonNode renew(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "accessToken");
        JsonNode payload = srv.jwt.verify(b.get("accessToken").asText(), store.clock.instant());
        if (!"identityAccessToken".equals(payload.path("authTokenType").asText())) {
            throw ApiError.badRequest("Only identity access tokens can be renewed");
        }
        Store.AccessToken row = srv.checkIdentityToken(payload);
        Instant now = store.now();
        if (row.maxTtlSeconds > 0) {
            Instant max = row.createdAt.plusSeconds(row.maxTtlSeconds);
            if (now.isAfter(max)) {
                throw ApiError.unauthorized("Failed to renew MI access token due to Max TTL expiration");
            }
            if (now.plusSeconds(row.ttlSeconds).isAfter(max)) {
                throw ApiError.unauthorized("Failed to renew MI access token past its Max TTL expiration");
            }
        }
        row.lastRenewedAt = now;
        if (!oct24) {
            row.jwt = signFor(row, now);
        }
        // OCT24 (observed): renew answers the very same token string
        return tokenResponse(row, row.jwt);
    }

    JsonNode revoke(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "accessToken");
        JsonNode payload = srv.jwt.verify(b.get("accessToken").asText(), store.clock.instant());
        if (!"identityAccessToken".equals(payload.path("authTokenType").asText())) {
            throw ApiError.unauthorized("Only identity access tokens can be revoked");
        }
        Store.AccessToken row = store.accessTokens.remove(payload.path("identityAccessTokenId").asText());
        if (row == null) {
            throw ApiError.unauthorized("No identity access token found");
        }
        ObjectNode o = obj();
        o.put("message", "Successfully revoked access token");
        return o;
    }

    /**
     * {@code GET /api/v2/workspace/:slug}: the project itself (not wrapped), with its environments, as
     * the server's {@code projectWithEnv} schema. Unknown slug → 404; a machine identity of another
     * project → 403 like the other project routes.
     */
    JsonNode projectBySlug(Caller c, String slug) {
        Project p = null;
        for (Project candidate : store.projects.values()) {
            if (candidate.slug.equals(slug)) {
                p = candidate;
            }
        }
        if (p == null) {
            throw ApiError.notFound("Project with slug '" + slug + "' not found");
        }
        member(c, p);
        return projectJson(p);
    }

    /** The project object of the workspace/project routes (keys as the recorded OCT24 answer). */
    ObjectNode projectJson(Project p) {
        ObjectNode o = obj();
        o.put("id", p.id);
        o.put("name", p.name);
        o.put("slug", p.slug);
        o.put("autoCapitalization", true);
        o.put("orgId", store.orgId);
        o.put("createdAt", iso(p.createdAt));
        o.put("updatedAt", iso(p.createdAt));
        o.put("version", 3);
        o.putNull("upgradeStatus");
        o.put("pitVersionLimit", 10);
        o.putNull("kmsCertificateKeyId");
        o.putNull("auditLogsRetentionDays");
        o.put("_id", p.id);
        ArrayNode envs = o.putArray("environments");
        for (Env e : p.envs.values()) {
            ObjectNode env = envs.addObject();
            env.put("name", e.name);
            env.put("slug", e.slug);
            env.put("id", e.id);
        }
        return o;
    }

    /** {@code GET /api/v1/workspace/:id} ({@code {workspace}}) and CURRENT's {@code /api/v1/projects/:id} ({@code {project}}). */
    JsonNode projectById(Caller c, String id, String wrapper) {
        Project p = store.projects.get(id);
        if (p == null) {
            throw ApiError.notFound("Project with ID '" + id + "' not found");
        }
        member(c, p);
        ObjectNode o = obj();
        o.set(wrapper, projectJson(p));
        return o;
    }

    // ================================================================== tags

    JsonNode listTags(Caller c, String projectId, String wrapper) {
        Project p = store.projects.get(projectId);
        if (p == null) {
            throw ApiError.notFound("Project with ID '" + projectId + "' not found");
        }
        member(c, p);
        ObjectNode o = obj();
        ArrayNode arr = o.putArray(wrapper);
        p.tags.values().forEach(t -> arr.add(tagJson(p, t)));
        return o;
    }

    JsonNode createTag(Req r, Caller c, String projectId, String wrapper) {
        ObjectNode b = body(r);
        requireBody(b, "slug");
        Project p = store.projects.get(projectId);
        if (p == null) {
            throw ApiError.notFound("Project with ID '" + projectId + "' not found");
        }
        member(c, p);
        if (c.identity != null && c.identity.role != Role.ADMIN) {
            throw ApiError.permissionDenied("create", "tags");
        }
        String slug = text(b, "slug").trim();
        if (p.tagBySlug(slug) != null) {
            throw ApiError.badRequest("Tag with slug '" + slug + "' already exists");
        }
        Store.Tag t = store.createTag(p, slug, text(b, "name"), text(b, "color"));
        ObjectNode o = obj();
        o.set(wrapper, tagJson(p, t));
        return o;
    }

    private ObjectNode tagJson(Project p, Store.Tag t) {
        ObjectNode o = obj();
        o.put("id", t.id);
        o.put("slug", t.slug);
        o.put("color", t.color);
        o.put("createdAt", iso(t.createdAt));
        o.put("updatedAt", iso(t.createdAt));
        o.putNull("createdBy");
        o.put("projectId", p.id);
        o.put("name", t.name);
        return o;
    }

    /** The tags named by {@code tagIds}, or {@code null} when the field is absent (no change). */
    private List<Store.Tag> tags(Project p, JsonNode ids) {
        if (ids == null || ids.isNull() || !ids.isArray()) {
            return null;
        }
        List<Store.Tag> out = new ArrayList<>();
        for (JsonNode id : ids) {
            Store.Tag t = p.tags.get(id.asText());
            if (t == null) {
                throw ApiError.notFound("One or more tags not found");
            }
            out.add(t);
        }
        return out;
    }

    private static void putTags(ObjectNode item, Secret s) {
        ArrayNode arr = item.putArray("tags");
        for (Store.Tag t : s.tags) {
            arr.addObject().put("id", t.id).put("slug", t.slug).put("color", t.color).put("name", t.name);
        }
    }

    JsonNode describeServiceToken(Caller c) {
        Store.ServiceToken t = c.st;
        ObjectNode o = obj();
        o.put("id", t.id);
        o.put("name", t.name);
        ArrayNode scopes = o.putArray("scopes");
        for (TokenScope s : t.scopes) {
            scopes.addObject().put("secretPath", s.secretPath()).put("environment", s.environment());
        }
        ArrayNode perms = o.putArray("permissions");
        t.permissions.stream().sorted().forEach(p -> perms.add(p.wireName()));
        putDate(o, "lastUsed", t.lastUsedBefore); // the row as read before this request updated it
        putDate(o, "expiresAt", t.expiresAt);
        o.put("secretHash", "$2b$10$fakeinfisicalfakeinfisicalfakeinfisicalfakeinfisic");
        o.put("encryptedKey", "ZmFrZS1lbmNyeXB0ZWQta2V5");
        o.put("iv", "ZmFrZS1pdg==");
        o.put("tag", "ZmFrZS10YWc=");
        o.put("createdAt", iso(t.createdAt));
        o.put("updatedAt", iso(t.updatedAt));
        o.put("createdBy", USER_ID);
        o.put("projectId", t.project.id);
        o.put("workspace", t.project.id);
        if (!oct24) {
            o.put("expiryNotificationSent", false);
        }
        ObjectNode user = o.putObject("user");
        user.putArray("authMethods").add("email");
        user.put("id", USER_ID);
        user.put("createdAt", iso(t.createdAt));
        user.put("updatedAt", iso(t.createdAt));
        user.putArray("devices").addObject().put("ip", "127.0.0.1").put("userAgent", "fake-infisical");
        user.put("email", "admin@example.com");
        user.put("firstName", "Admin");
        user.put("lastName", "Fake");
        user.putNull("mfaMethods");
        user.put("__v", 0);
        user.put("_id", USER_ID);
        o.put("_id", t.id);
        o.put("__v", 0);
        return o;
    }

    private static final String USER_ID = "00000000-0000-4000-8000-00000000fa4e";

    private static void putDate(ObjectNode o, String field, Instant i) {
        if (i == null) {
            o.putNull(field);
        } else {
            o.put(field, iso(i));
        }
    }

    // ================================================================== secrets: list

    JsonNode listSecrets(Req r, Caller c, boolean v4) {
        Issues issues = new Issues();
        boolean expand = bool(r, "expandSecretReferences", issues);
        boolean recursive = bool(r, "recursive", issues);
        boolean includeImports = bool(r, "include_imports", issues);
        if (v4) {
            includeImports |= bool(r, "includeImports", issues);
        }
        if (!oct24) {
            bool(r, "viewSecretValue", issues);
        }
        issues.check();
        String workspaceId = r.q(v4 ? "projectId" : "workspaceId");
        String slug = v4 ? null : r.q("workspaceSlug");
        String env = r.q("environment");
        String path = secretPath(r.q("secretPath"));
        if (singleNonGlobScope(c)) {
            // the server's "delivery hero" override: path, environment and project come from the token
            TokenScope s = c.st.scopes.get(0);
            path = s.secretPath();
            env = s.environment();
            workspaceId = c.st.project.id;
        }
        workspaceId = resolveSlug(c, workspaceId, slug);
        if (workspaceId == null || env == null) {
            if (oct24) {
                throw ApiError.badRequest("Missing workspace id or environment");
            }
            if (workspaceId == null && slug == null && c.st == null) {
                throw ApiError.badRequest("You must provide projectSlug or workspaceId");
            }
            throw ApiError.badRequest("Missing project id or environment");
        }
        Project p = project(c, workspaceId);
        checkPathNames(path);
        boolean filteredOut = false;
        if (!recursive) {
            if (oct24) {
                require(c, "read", env, path);
            } else if (!hasAnyRead(c)) {
                throw ApiError.permissionDenied("read", "secrets");
            } else {
                filteredOut = !can(c, "read", env, path);
            }
        }
        Env e = p.envs.get(env);
        if (e == null && recursive) {
            throw ApiError.notFound("Environment with slug '" + env + "' in project with ID " + p.id + " not found");
        }
        Folder f = e == null ? null : Store.folder(e, path);
        if (f == null) {
            if (!oct24) {
                throw ApiError.notFound("SecretPathNotFound", "Folder with path '" + path + "' in environment '" + env
                        + "' was not found. Please ensure the environment slug and secret path is correct.");
            }
            ObjectNode o = obj();
            o.putArray("secrets");
            o.putArray("imports");
            return o;
        }
        List<Folder> folders = new ArrayList<>();
        if (recursive) {
            walk(c, f, 0, folders);
        } else if (!filteredOut) {
            folders.add(f);
        }
        Expander ex = expand ? new Expander(c, p, false) : null;
        ObjectNode out = obj();
        ArrayNode secrets = out.putArray("secrets");
        Set<String> tagSlugs = null;
        if (r.q("tagSlugs") != null && !r.q("tagSlugs").isBlank()) {
            tagSlugs = new HashSet<>();
            for (String t : r.q("tagSlugs").split(",")) {
                tagSlugs.add(t.trim());
            }
        }
        for (Folder folder : folders) {
            for (Secret s : folder.secrets) {
                if (tagSlugs != null && noneTagged(s, tagSlugs)) {
                    continue; // keeps secrets having any of the tags; an unknown slug keeps none
                }
                String value = s.value;
                if (ex != null) {
                    value = ex.expandForList(s, folder.env.slug, folder.path());
                }
                ObjectNode item = secretJson(s, folder.env, p.id, value, true);
                item.put("secretPath", folder.path());
                putTags(item, s);
                secrets.add(item);
            }
        }
        if (ex != null && !ex.failures.isEmpty()) {
            ApiError err = new ApiError(403, "ForbiddenError", "Failed to expand one or more secret references");
            throw err;
        }
        if (includeImports) {
            ArrayNode imports = out.putArray("imports");
            // observed (recursive from /): staging:/app (imported by /app) comes before staging:/ (by /)
            List<Folder> importers = new ArrayList<>(folders);
            java.util.Collections.reverse(importers);
            for (Folder folder : importers) {
                for (ImportBlock block : importBlocks(c, p, folder, expand)) {
                    ObjectNode bo = imports.addObject();
                    bo.put("secretPath", block.path);
                    bo.put("environment", block.env);
                    bo.put("folderId", block.folderId);
                    ArrayNode items = bo.putArray("secrets");
                    for (ImportedSecret is : block.secrets) {
                        String value = is.secret.value;
                        if (ex != null) {
                            value = ex.expandForList(is.secret, is.env.slug, is.folder.path());
                        }
                        ObjectNode imported = secretJson(is.secret, is.env, "", value, false);
                        if (oct24) {
                            // observed: imported items carry no reminder fields at all
                            imported.remove("secretReminderNote");
                            imported.remove("secretReminderRepeatDays");
                        }
                        items.add(imported);
                    }
                }
            }
        } else if (!oct24) {
            out.putArray("imports");
        }
        return out;
    }

    private static boolean noneTagged(Secret s, Set<String> slugs) {
        return s.tags.stream().noneMatch(t -> slugs.contains(t.slug));
    }

    private void walk(Caller c, Folder f, int depth, List<Folder> out) {
        if (depth > MAX_FOLDER_DEPTH) {
            return;
        }
        // sub-folders the caller may not read are dropped from the walk, silently
        if (can(c, "read", f.env.slug, f.path())) {
            out.add(f);
        }
        for (Folder child : f.children.values()) {
            walk(c, child, depth + 1, out);
        }
    }

    // ================================================================== imports

    private record ImportedSecret(Secret secret, Env env, Folder folder) {
    }

    private record ImportBlock(String path, String env, String folderId, List<ImportedSecret> secrets) {
    }

    private List<ImportBlock> importBlocks(Caller c, Project p, Folder folder, boolean expand) {
        List<ImportBlock> blocks = new ArrayList<>();
        List<Import> sorted = new ArrayList<>(folder.imports);
        sorted.sort(Comparator.comparingInt(i -> i.position));
        for (Import i : sorted) {
            Env e = p.envs.get(i.envSlug);
            Folder src = e == null ? null : Store.folder(e, i.path);
            if (src == null) {
                continue; // a missing source folder is skipped, no error
            }
            List<ImportedSecret> items = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            seen.add(folder.env.slug + ":" + folder.path());
            collect(src, 0, seen, items);
            if (!oct24 && c.st != null) {
                // CURRENT filters imported secrets by read permission on the import source
                items.removeIf(is -> !can(c, "read", is.env.slug, is.folder.path()));
            }
            if (oct24 || expand) {
                Set<String> keys = new HashSet<>();
                items.removeIf(is -> !keys.add(is.secret.key)); // first occurrence wins
            }
            blocks.add(new ImportBlock(i.path, i.envSlug, src.id, items));
        }
        return blocks;
    }

    private void collect(Folder src, int depth, Set<String> seen, List<ImportedSecret> out) {
        if (depth > MAX_IMPORT_DEPTH || !seen.add(src.env.slug + ":" + src.path())) {
            return;
        }
        for (Secret s : src.secrets) {
            out.add(new ImportedSecret(s, src.env, src));
        }
        List<Import> sorted = new ArrayList<>(src.imports);
        sorted.sort(Comparator.comparingInt(i -> i.position));
        Project p = null;
        for (Project q : store.projects.values()) {
            if (q.envs.get(src.env.slug) == src.env) {
                p = q;
            }
        }
        if (p == null) {
            return;
        }
        for (Import i : sorted) {
            Env e = p.envs.get(i.envSlug);
            Folder next = e == null ? null : Store.folder(e, i.path);
            if (next != null) {
                collect(next, depth + 1, seen, out);
            }
        }
    }

    JsonNode listImports(Req r, Caller c) {
        requireQuery(r, "workspaceId", "environment");
        Project p = projectForFolders(c, r.q("workspaceId"));
        String env = r.q("environment");
        String path = folderPath(r.q("path"));
        checkPathNames(path);
        // observed: a dev:/ token listing the imports of /app gets 403 (no single-scope override here)
        require(c, "read", env, path);
        Env e = p.envs.get(env);
        Folder f = e == null ? null : Store.folder(e, path);
        if (f == null) {
            throw ApiError.notFound(folderNotFound(path, env));
        }
        ObjectNode o = obj();
        o.put("message", "Successfully fetched secret imports");
        ArrayNode list = o.putArray("secretImports");
        f.imports.stream().sorted(Comparator.comparingInt(i -> i.position)).forEach(i -> list.add(importJson(p, i)));
        return o;
    }

    JsonNode createImport(Req r, Caller c) {
        ObjectNode b = body(r);
        Issues issues = new Issues();
        issues.required(b, "workspaceId");
        issues.required(b, "environment");
        JsonNode imp = b.get("import");
        if (imp == null || !imp.isObject()) {
            issues.add("invalid_type", "object", imp == null ? "undefined" : jsType(imp), "import", "Required");
        } else {
            issues.required(imp, "environment");
            issues.required(imp, "path");
        }
        issues.check();
        Project p = projectForFolders(c, text(b, "workspaceId"));
        String env = text(b, "environment");
        String path = folderPath(text(b, "path"));
        String srcEnv = imp.get("environment").asText();
        String srcPath = folderPath(imp.get("path").asText());
        checkPathNames(path);
        require(c, "create", env, path);
        Env e = p.envs.get(env);
        Folder f = e == null ? null : Store.folder(e, path);
        if (f == null) {
            throw ApiError.notFound(folderNotFound(path, env));
        }
        Env se = p.envs.get(srcEnv);
        if (se == null) {
            throw ApiError.notFound("Environment with slug '" + srcEnv + "' in project with ID '" + p.id + "' not found");
        }
        boolean self = srcEnv.equals(env) && srcPath.equals(path);
        // The server refuses only a direct cycle: the source already importing this folder. OCT24 has no
        // self check (observed: a folder importing itself is accepted once, 200); CURRENT's service adds
        // one ("Cyclic import not allowed" when environment and path equal the source's).
        Folder srcFolder = Store.folder(se, srcPath);
        boolean direct = srcFolder != null && srcFolder.imports.stream()
                .anyMatch(x -> x.envSlug.equals(env) && x.path.equals(path));
        if (self && !oct24 || direct) {
            throw ApiError.badRequest("Cyclic import not allowed");
        }
        Import i = store.addImport(f, srcEnv, srcPath);
        ObjectNode o = obj();
        o.put("message", "Successfully created secret import");
        o.set("secretImport", importJson(p, i));
        return o;
    }

    private Import importById(String id) {
        for (Project p : store.projects.values()) {
            for (Env e : p.envs.values()) {
                Import found = findImport(e.root, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Import findImport(Folder f, String id) {
        for (Import i : f.imports) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        for (Folder child : f.children.values()) {
            Import i = findImport(child, id);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    JsonNode getImport(Caller c, String id) {
        Import i = importById(id);
        if (i == null) {
            throw ApiError.notFound("Secret import with ID '" + id + "' not found");
        }
        Project p = i.folder.env.project;
        member(c, p);
        require(c, "read", i.folder.env.slug, i.folder.path());
        ObjectNode o = obj();
        ObjectNode imp = importJson(p, i);
        imp.put("environment", i.folder.env.slug); // the single-import shape also names where it lives
        imp.put("secretPath", i.folder.path());
        o.set("secretImport", imp);
        return o;
    }

    JsonNode updateImport(Req r, Caller c, String id) {
        ObjectNode b = body(r);
        requireBody(b, "workspaceId", "environment");
        Project p = projectForFolders(c, text(b, "workspaceId"));
        String env = text(b, "environment");
        String path = folderPath(text(b, "path"));
        require(c, "edit", env, path);
        Env e = p.envs.get(env);
        Folder f = e == null ? null : Store.folder(e, path);
        if (f == null) {
            throw ApiError.notFound(folderNotFound(path, env));
        }
        Import i = f.imports.stream().filter(x -> x.id.equals(id)).findFirst().orElse(null);
        if (i == null) {
            throw ApiError.notFound("Secret import with ID '" + id + "' not found");
        }
        JsonNode imp = b.path("import");
        if (imp.path("environment").isTextual()) {
            if (p.envs.get(imp.get("environment").asText()) == null) {
                throw ApiError.notFound("Environment with slug '" + imp.get("environment").asText()
                        + "' in project with ID '" + p.id + "' not found");
            }
            i.envSlug = imp.get("environment").asText();
        }
        if (imp.path("path").isTextual()) {
            i.path = folderPath(imp.get("path").asText());
        }
        if (imp.path("position").isNumber()) {
            // move to the new position and renumber 1..n, as the server does
            List<Import> order = new ArrayList<>(f.imports);
            order.sort(Comparator.comparingInt(x -> x.position));
            order.remove(i);
            int to = Math.max(0, Math.min(order.size(), imp.get("position").asInt() - 1));
            order.add(to, i);
            for (int k = 0; k < order.size(); k++) {
                order.get(k).position = k + 1;
            }
        }
        ObjectNode o = obj();
        o.put("message", "Successfully updated secret import");
        o.set("secretImport", importJson(p, i));
        return o;
    }

    JsonNode deleteImport(Req r, Caller c, String id) {
        ObjectNode b = body(r);
        requireBody(b, "workspaceId", "environment");
        Project p = projectForFolders(c, text(b, "workspaceId"));
        String env = text(b, "environment");
        String path = folderPath(text(b, "path"));
        require(c, "delete", env, path);
        Env e = p.envs.get(env);
        Folder f = e == null ? null : Store.folder(e, path);
        if (f == null) {
            throw ApiError.notFound(folderNotFound(path, env));
        }
        for (Iterator<Import> it = f.imports.iterator(); it.hasNext(); ) {
            Import i = it.next();
            if (i.id.equals(id)) {
                it.remove();
                ObjectNode o = obj();
                o.put("message", "Successfully deleted secret import");
                o.set("secretImport", importJson(p, i));
                return o;
            }
        }
        throw ApiError.notFound("Secret import with ID '" + id + "' not found");
    }

    // ================================================================== references

    /** Reference expansion as the server does it (infisical-api.md §7). */
    private final class Expander {
        final Caller caller;
        final Project project;
        final boolean strict; // get-one: unknown env/folder is a 500, permission failure a 403
        final List<String> failures = new ArrayList<>();

        Expander(Caller caller, Project project, boolean strict) {
            this.caller = caller;
            this.project = project;
            this.strict = strict;
        }

        /** List: OCT24 swallows a failure and keeps the raw value; CURRENT collects permission failures. */
        String expandForList(Secret s, String env, String path) {
            try {
                return expand(s.value, s.key, env, path, s.skipMultilineEncoding);
            } catch (ApiError e) {
                if (!oct24 && e.status == 403) {
                    failures.add((String) e.body);
                }
                return s.value;
            }
        }

        String expand(String value, String key, String env, String path, boolean skipMultiline) {
            if (value == null || value.isEmpty()) {
                return value;
            }
            Pattern pattern = oct24 ? OCT24_REF : CUR_REF;
            if (!pattern.matcher(value).find()) {
                return value;
            }
            record Frame(String value, String env, String path, int depth) {
            }
            List<Frame> stack = new ArrayList<>();
            stack.add(new Frame(value, env, path, 0));
            Set<String> visited = new HashSet<>();
            String expanded = value;
            while (!stack.isEmpty()) {
                Frame fr = stack.remove(stack.size() - 1);
                if (fr.depth > MAX_REFERENCE_DEPTH) {
                    continue;
                }
                Matcher m = pattern.matcher(fr.value);
                while (m.find()) {
                    String syntax = m.group();
                    String[] parts = m.group(1).trim().split("\\.", -1);
                    String refEnv;
                    String refPath;
                    String refKey;
                    if (parts.length == 1) {
                        refEnv = fr.env;
                        refPath = fr.path;
                        refKey = parts[0];
                    } else {
                        refEnv = parts[0];
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i < parts.length - 1; i++) {
                            if (!parts[i].isEmpty()) {
                                sb.append('/').append(parts[i]);
                            }
                        }
                        refPath = sb.length() == 0 ? "/" : sb.toString();
                        refKey = parts[parts.length - 1];
                    }
                    if (!oct24 && !visited.add(refEnv + ":" + refPath + ":" + refKey)) {
                        continue; // CURRENT: a cyclic hop is not expanded further
                    }
                    String referred = fetch(refEnv, refPath, refKey, key, env, path);
                    if (referred != null && !referred.isEmpty()) {
                        stack.add(new Frame(referred, refEnv, refPath, fr.depth + 1));
                        expanded = expanded.replace(syntax, referred);
                    }
                }
            }
            if (skipMultiline && expanded.contains("\n")) {
                expanded = "\"" + expanded.replace("\n", "\\n") + "\"";
            }
            return expanded;
        }

        private String fetch(String env, String path, String refKey, String key, String fromEnv, String fromPath) {
            if (!can(caller, "read", env, path)) {
                if (oct24) {
                    throw new ApiError(403, "ForbiddenError", "You are attempting to reference secret named " + refKey
                            + " from environment " + env + " in path " + path + " which you do not have access to.");
                }
                throw new ApiError(403, "ForbiddenError", "You do not have permission to read secret '" + refKey
                        + "' in environment '" + env + "' at path '" + path + "', which is referenced by secret '"
                        + key + "' in environment '" + fromEnv + "' at path '" + fromPath + "'.");
            }
            Env e = project.envs.get(env);
            Folder f = e == null ? null : Store.folder(e, path);
            if (f == null) {
                if (oct24) {
                    // observed: get-one answers 500, list keeps the raw value
                    throw ApiError.internal("InternalServerError");
                }
                return null;
            }
            Secret s = f.secret(refKey);
            return s == null ? null : s.value;
        }
    }

    // ================================================================== secrets by name

    JsonNode secretByName(Req r, Caller c, String rawName, boolean v4) {
        return switch (r.method) {
            case "GET" -> getSecret(r, c, rawName, v4);
            case "POST" -> createSecret(r, c, rawName, v4);
            case "PATCH" -> updateSecret(r, c, rawName, v4);
            case "DELETE" -> deleteSecret(r, c, rawName, v4);
            default -> throw ApiError.routeNotFound(r.method, r.rawTarget);
        };
    }

    private JsonNode getSecret(Req r, Caller c, String rawName, boolean v4) {
        Issues issues = new Issues();
        boolean expand = bool(r, "expandSecretReferences", issues);
        boolean includeImports = bool(r, "include_imports", issues);
        if (v4) {
            includeImports |= bool(r, "includeImports", issues);
        }
        issues.enumValue("type", r.q("type"), List.of("shared", "personal"));
        issues.check();
        String name = rawName.trim();
        String workspaceId = r.q(v4 ? "projectId" : "workspaceId");
        String slug = v4 ? null : r.q("workspaceSlug");
        String env = r.q("environment");
        String path = secretPath(r.q("secretPath"));
        String type = r.q("type") == null ? "shared" : r.q("type");
        if (singleNonGlobScope(c)) {
            TokenScope s = c.st.scopes.get(0);
            path = s.secretPath();
            env = s.environment();
            workspaceId = c.st.project.id;
            type = "shared";
        }
        if (env == null) {
            throw ApiError.badRequest("Missing environment");
        }
        workspaceId = resolveSlug(c, workspaceId, slug);
        if (workspaceId == null) {
            throw ApiError.badRequest("You must provide workspaceSlug or workspaceId");
        }
        Project p = project(c, workspaceId);
        checkPathNames(path);
        require(c, "read", env, path);
        Env e = p.envs.get(env);
        Folder f = e == null ? null : Store.folder(e, path);
        if (f == null) {
            throw ApiError.notFound("GetSecretByName", folderNotFound(path, env));
        }
        Secret s = type.equals("shared") ? f.secret(name) : null;
        Env srcEnv = e;
        Folder srcFolder = f;
        boolean imported = false;
        if (s == null && includeImports) {
            // the server searches imports last to first: the last import wins
            List<ImportBlock> blocks = importBlocks(c, p, f, expand);
            outer:
            for (int i = blocks.size() - 1; i >= 0; i--) {
                for (ImportedSecret is : blocks.get(i).secrets) {
                    if (is.secret.key.equals(name)) {
                        s = is.secret;
                        srcEnv = is.env;
                        srcFolder = is.folder;
                        imported = true;
                        break outer;
                    }
                }
            }
        }
        if (s == null) {
            throw ApiError.notFound("Secret with name '" + name + "' not found");
        }
        String stored = s.value;
        Integer version = null;
        if (!oct24 && r.q("version") != null && !imported) {
            // CURRENT (source): ?version=N reads that version's value. OCT24 ignores it (observed)
            try {
                version = Integer.valueOf(r.q("version").trim());
            } catch (NumberFormatException ex) {
                throw ApiError.validation(validationStatus(), List.of(Map.of("code", "invalid_type", "expected",
                        "number", "received", "nan", "path", List.of("version"), "message", "Expected number, received nan")));
            }
            if (version < 1 || version > s.history.size()) {
                throw ApiError.notFound("Secret version not found");
            }
            stored = s.history.get(version - 1);
        }
        String value = stored;
        if (expand) {
            value = new Expander(c, p, true).expand(stored, s.key, srcEnv.slug, srcFolder.path(),
                    s.skipMultilineEncoding);
        }
        ObjectNode item = secretJson(s, srcEnv, p.id, value, true);
        if (version != null) {
            item.put("version", version);
        }
        if (!oct24) {
            item.put("secretPath", srcFolder.path());
        }
        if (!imported) {
            putTags(item, s);
        }
        ObjectNode o = obj();
        o.set("secret", item);
        return o;
    }

    private record Target(Project project, Env env, Folder folder, String envSlug, String path) {
    }

    /** Shared start of every write: body validation result → project, permission, folder. */
    private Target writeTarget(Caller c, ObjectNode b, boolean v4, String action, String operation) {
        String workspaceId = text(b, v4 ? "projectId" : "workspaceId");
        if (workspaceId == null && !oct24 && !v4 && text(b, "projectSlug") != null) {
            workspaceId = resolveSlug(c, null, text(b, "projectSlug"));
        }
        if (workspaceId == null) {
            throw ApiError.badRequest("Must provide either project slug or projectId");
        }
        String env = text(b, "environment");
        String path = secretPath(text(b, "secretPath"));
        Project p = project(c, workspaceId);
        checkPathNames(path);
        require(c, action, env, path);
        Env e = p.envs.get(env);
        Folder f = e == null ? null : Store.folder(e, path);
        if (f == null) {
            throw ApiError.notFound(operation, folderNotFound(path, env));
        }
        return new Target(p, e, f, env, path);
    }

    private void writeIssues(Issues issues, ObjectNode b, boolean v4) {
        if (oct24 || v4) {
            issues.required(b, v4 ? "projectId" : "workspaceId");
        } else {
            issues.optionalString(b, "workspaceId");
            issues.optionalString(b, "projectSlug");
        }
        issues.required(b, "environment");
        issues.optionalString(b, "secretPath");
    }

    private void nameIssues(Issues issues, String field, String name) {
        if (oct24) {
            return;
        }
        if (name.trim().isEmpty()) {
            issues.custom(field, "String must contain at least 1 character(s)");
        } else if (name.contains(":") || name.contains("/")) {
            issues.custom(field, "Secret name cannot contain colon or forward slash.");
        }
    }

    private JsonNode createSecret(Req r, Caller c, String rawName, boolean v4) {
        ObjectNode b = body(r);
        Issues issues = new Issues();
        writeIssues(issues, b, v4);
        issues.required(b, "secretValue");
        issues.optionalString(b, "secretComment");
        issues.enumValue("type", text(b, "type"), List.of("shared", "personal"));
        nameIssues(issues, "secretName", rawName);
        issues.check();
        String name = rawName.trim();
        Target t = writeTarget(c, b, v4, "create", "CreateSecret");
        if ("personal".equals(text(b, "type"))) {
            throw ApiError.badRequest("Must be user to create personal secret");
        }
        if (t.folder.secret(name) != null) {
            throw ApiError.badRequest(oct24 ? "Secret already exist" : "Secret already exists");
        }
        List<Store.Tag> tags = tags(t.project, b.get("tagIds")); // observed: unknown id -> 404, nothing created
        Secret s = store.createSecret(t.folder, name, Store.trimValue(text(b, "secretValue")));
        applyOptional(s, b);
        if (tags != null) {
            s.tags = tags;
        }
        ObjectNode o = obj();
        o.set("secret", secretJson(s, t.env, t.project.id, s.value, true));
        return o;
    }

    private static void applyOptional(Secret s, JsonNode b) {
        if (text(b, "secretComment") != null) {
            s.comment = text(b, "secretComment");
        }
        if (b.has("skipMultilineEncoding") && b.get("skipMultilineEncoding").isBoolean()) {
            s.skipMultilineEncoding = b.get("skipMultilineEncoding").asBoolean();
        }
        if (b.has("secretReminderNote")) {
            s.reminderNote = text(b, "secretReminderNote");
        }
        if (b.has("secretReminderRepeatDays")) {
            JsonNode d = b.get("secretReminderRepeatDays");
            s.reminderRepeatDays = d == null || d.isNull() ? null : d.asInt();
        }
    }

    private JsonNode updateSecret(Req r, Caller c, String rawName, boolean v4) {
        ObjectNode b = body(r);
        Issues issues = new Issues();
        writeIssues(issues, b, v4);
        if (oct24) {
            issues.required(b, "secretValue"); // observed: OCT24 rejects a PATCH without secretValue
        } else {
            issues.optionalString(b, "secretValue");
        }
        issues.optionalString(b, "newSecretName");
        issues.enumValue("type", text(b, "type"), List.of("shared", "personal"));
        if (text(b, "newSecretName") != null && !text(b, "newSecretName").isEmpty()) {
            nameIssues(issues, "newSecretName", text(b, "newSecretName"));
        }
        issues.check();
        String name = rawName.trim();
        Target t = writeTarget(c, b, v4, "edit", "UpdateSecret");
        Secret s = t.folder.secret(name);
        if (s == null) {
            throw ApiError.notFound("Secret with name " + name + " not found");
        }
        String newName = text(b, "newSecretName");
        if (newName != null) {
            newName = newName.trim();
            if (newName.isEmpty()) {
                throw ApiError.badRequest("New secret name cannot be empty");
            }
            Secret other = t.folder.secret(newName);
            if (other != null && other != s) {
                throw ApiError.badRequest(oct24 ? "Secret with the new name already exist"
                        : "Secret with the new name already exists");
            }
        }
        List<Store.Tag> tags = tags(t.project, b.get("tagIds"));
        update(t.folder, s, b, newName);
        if (tags != null) {
            s.tags = tags;
        }
        ObjectNode o = obj();
        ObjectNode json = secretJson(s, t.env, t.project.id, s.value, true);
        if (oct24 && !b.has("secretComment")) {
            json.put("secretComment", ""); // observed: the answer shows "", the stored comment is kept
        }
        o.set("secret", json);
        return o;
    }

    private void update(Folder folder, Secret s, JsonNode b, String newName) {
        if (text(b, "secretValue") != null) {
            s.value = Store.trimValue(text(b, "secretValue"));
        }
        if (newName != null) {
            s.key = newName; // a rename keeps the id
        }
        applyOptional(s, b);
        store.touch(folder, s);
    }

    private JsonNode deleteSecret(Req r, Caller c, String rawName, boolean v4) {
        ObjectNode b = body(r);
        Issues issues = new Issues();
        writeIssues(issues, b, v4);
        issues.enumValue("type", text(b, "type"), List.of("shared", "personal"));
        issues.check();
        String name = rawName.trim();
        Target t = writeTarget(c, b, v4, "delete", "DeleteSecret");
        Secret s = t.folder.secret(name);
        if (s == null) {
            if (oct24) {
                throw ApiError.notFound("DeleteSecret", "Secret with name '" + name + "' not found");
            }
            throw ApiError.notFound("Secret not found");
        }
        store.removeSecrets(t.folder, name);
        ObjectNode o = obj();
        o.set("secret", secretJson(s, t.env, t.project.id, s.value, true));
        return o;
    }

    /**
     * {@code DELETE /api/v3/secrets/raw} without a name: the server matches the legacy encrypted route
     * {@code DELETE /api/v3/secrets/:secretName} with the name "raw" and fails on the blind index.
     */
    JsonNode legacyDelete(Req r, Caller c) {
        ObjectNode b = body(r);
        requireBody(b, "workspaceId", "environment");
        throw ApiError.notFound("DeleteSecret", "Blind index for project with ID '" + text(b, "workspaceId")
                + "' not found");
    }

    // ================================================================== batch

    JsonNode batch(Req r, Caller c, boolean v4) {
        ObjectNode b = body(r);
        Issues issues = new Issues();
        writeIssues(issues, b, v4);
        JsonNode items = b.get("secrets");
        if (items == null || !items.isArray()) {
            issues.add("invalid_type", "array", items == null ? "undefined" : jsType(items), "secrets", "Required");
        } else if (items.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", "too_small");
            m.put("minimum", 1);
            m.put("type", "array");
            m.put("inclusive", true);
            m.put("exact", false);
            m.put("message", "Array must contain at least 1 element(s)");
            m.put("path", List.of("secrets"));
            issues.list.add(m);
        } else {
            for (int i = 0; i < items.size(); i++) {
                JsonNode it = items.get(i);
                if (it.get("secretKey") == null || !it.get("secretKey").isTextual()) {
                    issues.add("invalid_type", "string", "undefined", List.of("secrets", i, "secretKey"), "Required");
                }
                boolean valueRequired = r.method.equals("POST") || (r.method.equals("PATCH") && oct24);
                if (valueRequired && (it.get("secretValue") == null || !it.get("secretValue").isTextual())) {
                    issues.add("invalid_type", "string", "undefined", List.of("secrets", i, "secretValue"), "Required");
                }
            }
        }
        String mode = text(b, "mode");
        if (!oct24 && r.method.equals("PATCH")) {
            issues.enumValue("mode", mode, List.of("failOnNotFound", "upsert", "ignore"));
        }
        issues.check();
        String action = switch (r.method) {
            case "POST" -> "create";
            case "PATCH" -> "edit";
            default -> "delete";
        };
        String op = switch (r.method) {
            case "POST" -> "CreateManySecret";
            case "PATCH" -> "UpdateManySecret";
            default -> "DeleteManySecret";
        };
        Target t = writeTarget(c, b, v4, action, op);
        List<List<Store.Tag>> itemTags = new ArrayList<>();
        for (JsonNode it : items) {
            itemTags.add(r.method.equals("DELETE") ? null : tags(t.project, it.get("tagIds")));
        }
        List<Secret> result = new ArrayList<>();
        switch (r.method) {
            case "POST" -> {
                List<String> existing = new ArrayList<>();
                for (JsonNode it : items) {
                    String k = it.get("secretKey").asText().trim();
                    if (t.folder.secret(k) != null) {
                        existing.add(k);
                    }
                    if (k.length() > 500) {
                        throw ApiError.internal("Create"); // varchar(500) key column
                    }
                }
                if (!existing.isEmpty()) {
                    throw ApiError.badRequest((oct24 ? "Secret already exist: " : "Secret already exists: ")
                            + String.join(",", existing));
                }
                // all-or-nothing on existing keys, but duplicates inside one batch are both stored (observed)
                for (int k = 0; k < items.size(); k++) {
                    JsonNode it = items.get(k);
                    Secret s = store.createSecret(t.folder, it.get("secretKey").asText().trim(),
                            Store.trimValue(it.get("secretValue").asText()));
                    applyOptional(s, it);
                    if (itemTags.get(k) != null) {
                        s.tags = itemTags.get(k);
                    }
                    result.add(s);
                }
            }
            case "PATCH" -> {
                List<String> missing = new ArrayList<>();
                List<String> existing = new ArrayList<>();
                for (JsonNode it : items) {
                    String k = it.get("secretKey").asText().trim();
                    if (t.folder.secret(k) == null) {
                        missing.add(k);
                    } else {
                        existing.add(k);
                    }
                }
                String effectiveMode = mode == null ? "failOnNotFound" : mode;
                if (!missing.isEmpty() && (oct24 || effectiveMode.equals("failOnNotFound"))) {
                    // observed on OCT24: the message names the keys that *do* exist (a server bug kept on purpose)
                    throw ApiError.notFound(oct24 ? "Secret does not exist: " + String.join(",", existing)
                            : "Secret does not exist: " + String.join(",", missing) + " in path " + t.path);
                }
                for (int n = 0; n < items.size(); n++) {
                    JsonNode it = items.get(n);
                    String k = it.get("secretKey").asText().trim();
                    Secret s = t.folder.secret(k);
                    if (s != null && itemTags.get(n) != null) {
                        s.tags = itemTags.get(n);
                    }
                    if (s == null) {
                        if (effectiveMode.equals("upsert") && text(it, "secretValue") != null) {
                            s = store.createSecret(t.folder, k, Store.trimValue(text(it, "secretValue")));
                            applyOptional(s, it);
                            result.add(s);
                        }
                        continue;
                    }
                    String newName = text(it, "newSecretName");
                    update(t.folder, s, it, newName == null || newName.trim().isEmpty() ? null : newName.trim());
                    result.add(s);
                }
            }
            default -> {
                List<Secret> found = new ArrayList<>();
                for (JsonNode it : items) {
                    Secret s = t.folder.secret(it.get("secretKey").asText().trim());
                    if (s != null) {
                        found.add(s);
                    }
                }
                if (found.size() != items.size()) {
                    // the server lists the keys it *did* find (a quirk kept on purpose)
                    throw ApiError.notFound("One or more secrets does not exist: "
                            + String.join(",", found.stream().map(s -> s.key).toList()));
                }
                for (Secret s : found) {
                    store.removeSecret(t.folder, s);
                    result.add(s);
                }
            }
        }
        ObjectNode o = obj();
        ArrayNode arr = o.putArray("secrets");
        for (Secret s : result) {
            arr.add(secretJson(s, t.env, t.project.id, s.value, true));
        }
        return o;
    }

    // ================================================================== folders

    JsonNode listFolders(Req r, Caller c) {
        requireQuery(r, "workspaceId", "environment");
        Project p = projectForFolders(c, r.q("workspaceId"));
        String env = r.q("environment");
        // OCT24: `path || directory` with path defaulting to "/" — directory is never honoured
        String raw = oct24 ? r.q("path") : (r.q("path") != null ? r.q("path") : r.q("directory"));
        String path = folderPath(raw);
        boolean recursive = !oct24 && r.q("recursive") != null && !r.q("recursive").isEmpty()
                && !r.q("recursive").equals("0") && !r.q("recursive").equals("false");
        Env e = p.envs.get(env);
        if (e == null) {
            throw ApiError.notFound("Environment with slug '" + env + "' not found");
        }
        checkPathNames(path);
        Folder f = Store.folder(e, path);
        ObjectNode o = obj();
        ArrayNode list = o.putArray("folders");
        if (f != null) {
            addChildren(f, list, recursive, "");
        }
        return o;
    }

    private void addChildren(Folder f, ArrayNode list, boolean recursive, String rel) {
        List<Folder> kids = new ArrayList<>(f.children.values());
        kids.sort(Comparator.comparing(k -> k.name));
        for (Folder k : kids) {
            ObjectNode j = folderJson(k);
            if (recursive) {
                j.put("relativePath", rel + "/" + k.name);
            }
            list.add(j);
            if (recursive) {
                addChildren(k, list, true, rel + "/" + k.name);
            }
        }
    }

    /** The body checks that folder create and rename share; CURRENT also validates the name. */
    private void checkFolderBody(ObjectNode b) {
        Issues issues = new Issues();
        issues.required(b, "workspaceId");
        issues.required(b, "environment");
        issues.required(b, "name");
        if (!oct24 && b.has("name") && b.get("name").isTextual()
                && !FOLDER_NAME.matcher(b.get("name").asText().trim()).matches()) {
            issues.custom("name", "Invalid folder name. Only alphanumeric characters, dashes, and underscores are allowed.");
        }
        issues.check();
    }

    JsonNode createFolder(Req r, Caller c) {
        ObjectNode b = body(r);
        checkFolderBody(b);
        Project p = projectForFolders(c, text(b, "workspaceId"));
        String env = text(b, "environment");
        String raw = text(b, "path") != null ? text(b, "path") : text(b, "directory");
        String path = folderPath(raw);
        String name = text(b, "name").trim();
        require(c, "create", env, path);
        Env e = p.envs.get(env);
        if (e == null) {
            throw ApiError.notFound("Environment with slug '" + env + "' in project with ID '" + p.id + "' not found");
        }
        checkPathNames(path);
        if (oct24) {
            if (name.isEmpty()) {
                // observed: an empty name answers the parent (root) folder itself, nothing is created
                Folder parent = Store.folder(e, path);
                ObjectNode o = obj();
                o.set("folder", folderJson(parent != null ? parent : e.root));
                return o;
            }
            // observed: '.', spaces, non-ASCII → 500; '/' is accepted as part of a literal name
            for (String part : name.split("/", -1)) {
                if (!part.isEmpty() && !FOLDER_NAME.matcher(part).matches()) {
                    throw ApiError.internal("Find by secret path");
                }
            }
        }
        Folder parent = store.mkdirs(e, path); // missing parents are created (mkdir -p)
        Folder existing = parent.children.get(name);
        if (existing != null) {
            if (!oct24) {
                throw ApiError.badRequest("Folder with name '" + name + "' already exists in path '" + path + "'");
            }
            ObjectNode o = obj();
            o.set("folder", folderJson(existing)); // OCT24: idempotent
            return o;
        }
        Folder f = store.child(parent, name);
        ObjectNode o = obj();
        ObjectNode j = folderJson(f);
        if (!oct24) {
            j.put("path", f.path());
        }
        o.set("folder", j);
        return o;
    }

    JsonNode getFolder(Caller c, String id) {
        for (Project p : store.projects.values()) {
            for (Env e : p.envs.values()) {
                Folder f = findById(e.root, id);
                if (f != null) {
                    member(c, p);
                    ObjectNode j = folderJson(f);
                    ObjectNode env = j.putObject("environment");
                    env.put("envId", e.id);
                    env.put("envName", e.name);
                    env.put("envSlug", e.slug);
                    j.put("path", f.path());
                    j.put("projectId", p.id);
                    ObjectNode o = obj();
                    o.set("folder", j);
                    return o;
                }
            }
        }
        throw ApiError.notFound("Folder with ID '" + id + "' not found");
    }

    private static Folder findById(Folder f, String id) {
        if (f.id.equals(id) && f.parent != null) {
            return f;
        }
        for (Folder k : f.children.values()) {
            Folder hit = findById(k, id);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private Folder childByIdOrName(Folder parent, String idOrName) {
        for (Folder k : parent.children.values()) {
            if (k.id.equals(idOrName)) {
                return k;
            }
        }
        return parent.children.get(idOrName);
    }

    JsonNode updateFolder(Req r, Caller c, String idOrName) {
        ObjectNode b = body(r);
        checkFolderBody(b);
        Project p = projectForFolders(c, text(b, "workspaceId"));
        String env = text(b, "environment");
        String path = folderPath(text(b, "path") != null ? text(b, "path") : text(b, "directory"));
        String name = text(b, "name").trim();
        require(c, "edit", env, path);
        Env e = p.envs.get(env);
        Folder parent = e == null ? null : Store.folder(e, path);
        if (parent == null) {
            throw ApiError.notFound("UpdateFolder", folderNotFound(path, env));
        }
        Folder f = childByIdOrName(parent, idOrName);
        if (f == null) {
            throw ApiError.notFound("UpdateFolder", "Folder with ID '" + idOrName + "' not found");
        }
        Folder clash = parent.children.get(name);
        if (clash != null && clash != f) {
            throw ApiError.badRequest("Folder with specified name already exists");
        }
        if (!f.name.equals(name)) {
            // keep insertion order stable apart from the renamed entry
            Map<String, Folder> copy = new LinkedHashMap<>(parent.children);
            parent.children.clear();
            copy.forEach((k, v) -> parent.children.put(v == f ? name : k, v));
            f.name = name;
            f.version++;
            f.updatedAt = store.now();
        }
        ObjectNode o = obj();
        o.set("folder", folderJson(f));
        return o;
    }

    JsonNode deleteFolder(Req r, Caller c, String idOrName) {
        ObjectNode b = body(r);
        requireBody(b, "workspaceId", "environment");
        Project p = projectForFolders(c, text(b, "workspaceId"));
        String env = text(b, "environment");
        String path = folderPath(text(b, "path") != null || oct24 ? text(b, "path") : text(b, "directory"));
        require(c, "delete", env, path);
        Env e = p.envs.get(env);
        Folder parent = e == null ? null : Store.folder(e, path);
        if (parent == null) {
            throw ApiError.notFound(folderNotFound(path, env));
        }
        Folder f = childByIdOrName(parent, idOrName);
        if (f == null) {
            throw ApiError.notFound(oct24 ? "Failed to delete folder with ID '" + idOrName + "', not found"
                    : "Folder with ID '" + idOrName + "' not found");
        }
        parent.children.values().remove(f); // contents go with it
        ObjectNode o = obj();
        o.set("folder", folderJson(f));
        return o;
    }
}
