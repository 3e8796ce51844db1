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
 * Reference expansion as the server does it (infisical-api.md §7). Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class References extends ApiSupport {

    References(FakeServer srv) {
        super(srv);
    }

    // ================================================================== references

    /** Reference expansion as the server does it (infisical-api.md §7). */
    final class Expander {
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

}
