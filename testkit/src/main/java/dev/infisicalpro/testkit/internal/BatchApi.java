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
 * {@code /api/v3/secrets/batch/raw} and {@code /api/v4/secrets/batch}: all-or-nothing batch writes. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class BatchApi extends SecretWrites {

    BatchApi(FakeServer srv) {
        super(srv);
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
            itemTags.add(r.method.equals("DELETE") ? null : tags(t.project(), it.get("tagIds")));
        }
        List<Secret> result = new ArrayList<>();
        switch (r.method) {
            case "POST" -> {
                List<String> existing = new ArrayList<>();
                for (JsonNode it : items) {
                    String k = it.get("secretKey").asText().trim();
                    if (t.folder().secret(k) != null) {
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
                    Secret s = store.createSecret(t.folder(), it.get("secretKey").asText().trim(),
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
                    if (t.folder().secret(k) == null) {
                        missing.add(k);
                    } else {
                        existing.add(k);
                    }
                }
                String effectiveMode = mode == null ? "failOnNotFound" : mode;
                if (!missing.isEmpty() && (oct24 || effectiveMode.equals("failOnNotFound"))) {
                    // observed on OCT24: the message names the keys that *do* exist (a server bug kept on purpose)
                    throw ApiError.notFound(oct24 ? "Secret does not exist: " + String.join(",", existing)
                            : "Secret does not exist: " + String.join(",", missing) + " in path " + t.path());
                }
                for (int n = 0; n < items.size(); n++) {
                    JsonNode it = items.get(n);
                    String k = it.get("secretKey").asText().trim();
                    Secret s = t.folder().secret(k);
                    if (s != null && itemTags.get(n) != null) {
                        s.tags = itemTags.get(n);
                    }
                    if (s == null) {
                        if (effectiveMode.equals("upsert") && text(it, "secretValue") != null) {
                            s = store.createSecret(t.folder(), k, Store.trimValue(text(it, "secretValue")));
                            applyOptional(s, it);
                            result.add(s);
                        }
                        continue;
                    }
                    String newName = text(it, "newSecretName");
                    update(t.folder(), s, it, newName == null || newName.trim().isEmpty() ? null : newName.trim());
                    result.add(s);
                }
            }
            default -> {
                List<Secret> found = new ArrayList<>();
                for (JsonNode it : items) {
                    Secret s = t.folder().secret(it.get("secretKey").asText().trim());
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
                    store.removeSecret(t.folder(), s);
                    result.add(s);
                }
            }
        }
        ObjectNode o = obj();
        ArrayNode arr = o.putArray("secrets");
        for (Secret s : result) {
            arr.add(secretJson(s, t.env(), t.project().id, s.value, true));
        }
        return o;
    }

}
