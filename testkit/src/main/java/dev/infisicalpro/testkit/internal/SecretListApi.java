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
 * {@code GET /api/v3/secrets/raw} and {@code GET /api/v4/secrets}: the list. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class SecretListApi extends ApiSupport {
    final ImportResolution imports;
    final References refs;

    SecretListApi(FakeServer srv, ImportResolution imports, References refs) {
        super(srv);
        this.imports = imports;
        this.refs = refs;
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
        References.Expander ex = expand ? refs.new Expander(c, p, false) : null;
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
                for (ImportResolution.ImportBlock block : this.imports.importBlocks(c, p, folder, expand)) {
                    ObjectNode bo = imports.addObject();
                    bo.put("secretPath", block.path());
                    bo.put("environment", block.env());
                    bo.put("folderId", block.folderId());
                    ArrayNode items = bo.putArray("secrets");
                    for (ImportResolution.ImportedSecret is : block.secrets()) {
                        String value = is.secret().value;
                        if (ex != null) {
                            value = ex.expandForList(is.secret(), is.env().slug, is.folder().path());
                        }
                        ObjectNode imported = secretJson(is.secret(), is.env(), "", value, false);
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

    static boolean noneTagged(Secret s, Set<String> slugs) {
        return s.tags.stream().noneMatch(t -> slugs.contains(t.slug));
    }

    void walk(Caller c, Folder f, int depth, List<Folder> out) {
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

}
