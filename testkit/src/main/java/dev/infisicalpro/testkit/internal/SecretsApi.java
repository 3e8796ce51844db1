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
 * One secret by name: get, create, update, delete (v3 raw and v4), and the legacy raw delete. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class SecretsApi extends SecretWrites {
    final ImportResolution imports;
    final References refs;

    SecretsApi(FakeServer srv, ImportResolution imports, References refs) {
        super(srv);
        this.imports = imports;
        this.refs = refs;
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

    JsonNode getSecret(Req r, Caller c, String rawName, boolean v4) {
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
            List<ImportResolution.ImportBlock> blocks = this.imports.importBlocks(c, p, f, expand);
            outer:
            for (int i = blocks.size() - 1; i >= 0; i--) {
                for (ImportResolution.ImportedSecret is : blocks.get(i).secrets()) {
                    if (is.secret().key.equals(name)) {
                        s = is.secret();
                        srcEnv = is.env();
                        srcFolder = is.folder();
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
            value = refs.new Expander(c, p, true).expand(stored, s.key, srcEnv.slug, srcFolder.path(),
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

    JsonNode createSecret(Req r, Caller c, String rawName, boolean v4) {
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
        if (t.folder().secret(name) != null) {
            throw ApiError.badRequest(oct24 ? "Secret already exist" : "Secret already exists");
        }
        List<Store.Tag> tags = tags(t.project(), b.get("tagIds")); // observed: unknown id -> 404, nothing created
        Secret s = store.createSecret(t.folder(), name, Store.trimValue(text(b, "secretValue")));
        applyOptional(s, b);
        if (tags != null) {
            s.tags = tags;
        }
        ObjectNode o = obj();
        o.set("secret", secretJson(s, t.env(), t.project().id, s.value, true));
        return o;
    }

    JsonNode updateSecret(Req r, Caller c, String rawName, boolean v4) {
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
        Secret s = t.folder().secret(name);
        if (s == null) {
            throw ApiError.notFound("Secret with name " + name + " not found");
        }
        String newName = text(b, "newSecretName");
        if (newName != null) {
            newName = newName.trim();
            if (newName.isEmpty()) {
                throw ApiError.badRequest("New secret name cannot be empty");
            }
            Secret other = t.folder().secret(newName);
            if (other != null && other != s) {
                throw ApiError.badRequest(oct24 ? "Secret with the new name already exist"
                        : "Secret with the new name already exists");
            }
        }
        List<Store.Tag> tags = tags(t.project(), b.get("tagIds"));
        update(t.folder(), s, b, newName);
        if (tags != null) {
            s.tags = tags;
        }
        ObjectNode o = obj();
        ObjectNode json = secretJson(s, t.env(), t.project().id, s.value, true);
        if (oct24 && !b.has("secretComment")) {
            json.put("secretComment", ""); // observed: the answer shows "", the stored comment is kept
        }
        o.set("secret", json);
        return o;
    }

    JsonNode deleteSecret(Req r, Caller c, String rawName, boolean v4) {
        ObjectNode b = body(r);
        Issues issues = new Issues();
        writeIssues(issues, b, v4);
        issues.enumValue("type", text(b, "type"), List.of("shared", "personal"));
        issues.check();
        String name = rawName.trim();
        Target t = writeTarget(c, b, v4, "delete", "DeleteSecret");
        Secret s = t.folder().secret(name);
        if (s == null) {
            if (oct24) {
                throw ApiError.notFound("DeleteSecret", "Secret with name '" + name + "' not found");
            }
            throw ApiError.notFound("Secret not found");
        }
        store.removeSecrets(t.folder(), name);
        ObjectNode o = obj();
        o.set("secret", secretJson(s, t.env(), t.project().id, s.value, true));
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

}
