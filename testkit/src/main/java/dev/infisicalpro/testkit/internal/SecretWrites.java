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
 * What single and batch secret writes share: the target folder, name rules, optional fields. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
abstract class SecretWrites extends ApiSupport {

    SecretWrites(FakeServer srv) {
        super(srv);
    }

    record Target(Project project, Env env, Folder folder, String envSlug, String path) {
    }

    /** Shared start of every write: body validation result → project, permission, folder. */
    Target writeTarget(Caller c, ObjectNode b, boolean v4, String action, String operation) {
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

    void writeIssues(Issues issues, ObjectNode b, boolean v4) {
        if (oct24 || v4) {
            issues.required(b, v4 ? "projectId" : "workspaceId");
        } else {
            issues.optionalString(b, "workspaceId");
            issues.optionalString(b, "projectSlug");
        }
        issues.required(b, "environment");
        issues.optionalString(b, "secretPath");
    }

    void nameIssues(Issues issues, String field, String name) {
        if (oct24) {
            return;
        }
        if (name.trim().isEmpty()) {
            issues.custom(field, "String must contain at least 1 character(s)");
        } else if (name.contains(":") || name.contains("/")) {
            issues.custom(field, "Secret name cannot contain colon or forward slash.");
        }
    }

    static void applyOptional(Secret s, JsonNode b) {
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

    void update(Folder folder, Secret s, JsonNode b, String newName) {
        if (text(b, "secretValue") != null) {
            s.value = Store.trimValue(text(b, "secretValue"));
        }
        if (newName != null) {
            s.key = newName; // a rename keeps the id
        }
        applyOptional(s, b);
        store.touch(folder, s);
    }

}
