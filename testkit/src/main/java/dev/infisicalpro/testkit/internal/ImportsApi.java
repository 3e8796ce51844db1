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
 * {@code /api/v1/secret-imports}: list, create, get, update, delete. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class ImportsApi extends ApiSupport {

    ImportsApi(FakeServer srv) {
        super(srv);
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

    Import importById(String id) {
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

    static Import findImport(Folder f, String id) {
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

}
