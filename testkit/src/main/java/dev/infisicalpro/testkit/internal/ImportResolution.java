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
 * How a folder's imports resolve into import blocks (shared by list and get-one). Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class ImportResolution extends ApiSupport {

    ImportResolution(FakeServer srv) {
        super(srv);
    }

    // ================================================================== imports

    record ImportedSecret(Secret secret, Env env, Folder folder) {
    }

    record ImportBlock(String path, String env, String folderId, List<ImportedSecret> secrets) {
    }

    List<ImportBlock> importBlocks(Caller c, Project p, Folder folder, boolean expand) {
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

    void collect(Folder src, int depth, Set<String> seen, List<ImportedSecret> out) {
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

}
