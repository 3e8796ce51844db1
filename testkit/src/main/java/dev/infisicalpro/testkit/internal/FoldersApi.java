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
 * {@code /api/v1/folders}: list, create, get, update, delete. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class FoldersApi extends ApiSupport {

    FoldersApi(FakeServer srv) {
        super(srv);
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

    void addChildren(Folder f, ArrayNode list, boolean recursive, String rel) {
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
    void checkFolderBody(ObjectNode b) {
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

    static Folder findById(Folder f, String id) {
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

    Folder childByIdOrName(Folder parent, String idOrName) {
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
