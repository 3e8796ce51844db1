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
 * What every endpoint class shares: request validation in the server's zod shape, body parsing,
 * permissions, project membership, and the JSON shapes of secrets, folders, imports and tags.
 * Not API.
 *
 * <p>Over 400 lines because the validation (zod-shaped issues), permission and JSON-shape helpers are
 * used by every endpoint class; each part is small.
 */
abstract class ApiSupport {

    static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final Pattern OCT24_REF = Pattern.compile("\\$\\{([^}]+)}");
    static final Pattern CUR_REF = Pattern.compile("\\$\\{([a-zA-Z0-9-_.]+)}");
    static final Pattern FOLDER_NAME = Pattern.compile("^[a-zA-Z0-9\\-_]+$");
    static final int MAX_REFERENCE_DEPTH = 10;
    static final int MAX_IMPORT_DEPTH = 10;
    static final int MAX_FOLDER_DEPTH = 20;

    final FakeServer srv;
    final Store store;
    final boolean oct24;

    ApiSupport(FakeServer srv) {
        this.srv = srv;
        this.store = srv.store;
        this.oct24 = srv.generation == Generation.OCT24;
    }

    static String iso(Instant i) {
        return ISO.format(i);
    }

    // ================================================================== small helpers

    ObjectNode obj() {
        return srv.obj();
    }

    ArrayNode arr() {
        return srv.arr();
    }

    int validationStatus() {
        return oct24 ? 401 : 422;
    }

    /** Collects zod-shaped issues; {@link #check()} throws them as one ValidationFailure. */
    /** A zod "Required" issue per missing query parameter, answered as the generation's validation error. */
    void requireQuery(Req r, String... names) {
        Issues issues = new Issues();
        for (String name : names) {
            if (r.q(name) == null) {
                issues.add("invalid_type", "string", "undefined", name, "Required");
            }
        }
        issues.check();
    }

    /** A zod issue per missing or non-string body field, answered as the generation's validation error. */
    void requireBody(JsonNode body, String... fields) {
        Issues issues = new Issues();
        for (String field : fields) {
            issues.required(body, field);
        }
        issues.check();
    }

    final class Issues {
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

    static String jsType(JsonNode v) {
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

    boolean bool(Req r, String name, Issues issues) {
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

    static String text(JsonNode body, String field) {
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
    void checkPathNames(String path) {
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

    boolean can(Caller c, String action, String env, String path) {
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

    boolean hasAnyRead(Caller c) {
        return c.identity != null || c.st.permissions.contains(Permission.READ);
    }

    void require(Caller c, String action, String env, String path) {
        if (!can(c, action, env, path)) {
            throw ApiError.permissionDenied(action, "secrets");
        }
    }

    /** Project lookup and membership, as the secrets routes do it (bot lookup first). */
    Project project(Caller c, String id) {
        Project p = store.projects.get(id);
        if (p == null) {
            throw ApiError.notFound("Project with ID '" + id
                    + "' not found during bot lookup. Are you sure you are using the correct project ID?");
        }
        member(c, p);
        return p;
    }

    void member(Caller c, Project p) {
        if (c.st != null && c.st.project != p) {
            throw ApiError.forbiddenNamed("Service token not a part of the specified project with ID " + p.id);
        }
        if (c.identity != null && c.identity.project != p) {
            throw ApiError.forbiddenNamed("Identity is not a member of the specified project with ID '" + p.id + "'");
        }
    }

    /** Project for folder/import routes: permission (membership) is checked before anything else. */
    Project projectForFolders(Caller c, String id) {
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

    boolean singleNonGlobScope(Caller c) {
        return c.st != null && c.st.scopes.size() == 1 && !Glob.isGlob(c.st.scopes.get(0).secretPath());
    }

    String resolveSlug(Caller c, String workspaceId, String slug) {
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

    static String folderNotFound(String path, String env) {
        return "Folder with path '" + path + "' in environment with slug '" + env + "' not found";
    }

    // ================================================================== JSON shapes

    ObjectNode secretJson(Secret s, Env env, String workspace, String value, boolean dates) {
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

    ObjectNode folderJson(Folder f) {
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

    ObjectNode importJson(Project p, Import i) {
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

    /** The tags named by {@code tagIds}, or {@code null} when the field is absent (no change). */
    List<Store.Tag> tags(Project p, JsonNode ids) {
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

    static void putTags(ObjectNode item, Secret s) {
        ArrayNode arr = item.putArray("tags");
        for (Store.Tag t : s.tags) {
            arr.addObject().put("id", t.id).put("slug", t.slug).put("color", t.color).put("name", t.name);
        }
    }

}
