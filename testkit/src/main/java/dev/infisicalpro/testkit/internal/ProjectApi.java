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
 * Projects by slug and id, and project tags. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class ProjectApi extends ApiSupport {

    ProjectApi(FakeServer srv) {
        super(srv);
    }

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

    ObjectNode tagJson(Project p, Store.Tag t) {
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

}
