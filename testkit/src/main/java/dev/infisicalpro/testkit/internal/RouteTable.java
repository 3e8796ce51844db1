package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.internal.FakeServer.Auth;
import dev.infisicalpro.testkit.internal.FakeServer.Caller;
import dev.infisicalpro.testkit.internal.FakeServer.Limit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route of the fake, built once per server: method, path pattern, who may call it, its
 * rate-limit bucket, the generations that have it, and the handler. The only class that knows route
 * paths (an architecture test keeps it so). Matching follows Fastify's router closely enough for the
 * fake: one trailing slash ignored, {@code :param} segments decoded, a parameter over 100 characters
 * is the framework's route 404, and the first registered route of a method wins. Not API.
 */
final class RouteTable {

    /** Endpoint logic; runs under the store lock unless the route says otherwise. */
    interface Handler {
        JsonNode handle(Req req, Caller caller, Map<String, String> params);
    }

    record Route(String method, String pattern, Auth auth, Limit limit, Set<Generation> generations, boolean locked,
                 Handler handler, String[] segments) {
    }

    record Match(Route route, Map<String, String> params) {
    }

    private static final Set<Generation> BOTH = EnumSet.allOf(Generation.class);
    private static final Set<Generation> CURRENT = EnumSet.of(Generation.CURRENT);

    private final List<Route> routes = new ArrayList<>();
    private final Generation generation;

    private RouteTable(Generation generation) {
        this.generation = generation;
    }

    private void add(String method, String pattern, Auth auth, Limit limit, Set<Generation> gens, Handler h) {
        add(method, pattern, auth, limit, gens, true, h);
    }

    private void add(String method, String pattern, Auth auth, Limit limit, Set<Generation> gens, boolean locked,
                     Handler h) {
        if (gens.contains(generation)) {
            routes.add(new Route(method, pattern, auth, limit, gens, locked, h, pattern.substring(1).split("/")));
        }
    }

    /** The routes of this generation, in matching order (for tests and documentation). */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The table of a server: one line per route. */
    static RouteTable build(Generation g, AuthApi auth, ProjectApi projects, SecretListApi list, SecretsApi secrets,
                            BatchApi batch, FoldersApi folders, ImportsApi imports, WebhookApi webhooks) {
        RouteTable t = new RouteTable(g);
        // status and authentication
        t.add("GET", "/api/status", Auth.NONE, Limit.NONE, BOTH, (r, c, p) -> auth.status());
        t.add("POST", "/api/v1/auth/universal-auth/login", Auth.NONE, Limit.WRITE, BOTH, (r, c, p) -> auth.universalAuthLogin(r));
        t.add("POST", "/api/v1/auth/kubernetes-auth/login", Auth.NONE, Limit.WRITE, BOTH, (r, c, p) -> auth.kubernetesLogin(r));
        t.add("POST", "/api/v1/auth/token/renew", Auth.NONE, Limit.WRITE, BOTH, (r, c, p) -> auth.renew(r));
        t.add("POST", "/api/v1/auth/token/revoke", Auth.NONE, Limit.WRITE, BOTH, (r, c, p) -> auth.revoke(r));
        t.add("GET", "/api/v2/service-token", Auth.SERVICE_TOKEN_ONLY, Limit.READ, BOTH, (r, c, p) -> auth.describeServiceToken(c));
        // projects and tags
        t.add("GET", "/api/v2/workspace/:slug", Auth.IDENTITY_ONLY, Limit.READ, BOTH, (r, c, p) -> projects.projectBySlug(c, p.get("slug")));
        t.add("GET", "/api/v1/workspace/:workspaceId", Auth.ANY, Limit.READ, BOTH,
                (r, c, p) -> projects.projectById(c, p.get("workspaceId"), "workspace"));
        t.add("GET", "/api/v1/workspace/:projectId/tags", Auth.IDENTITY_ONLY, Limit.READ, BOTH,
                (r, c, p) -> projects.listTags(c, p.get("projectId"), "workspaceTags"));
        t.add("POST", "/api/v1/workspace/:projectId/tags", Auth.IDENTITY_ONLY, Limit.WRITE, BOTH,
                (r, c, p) -> projects.createTag(r, c, p.get("projectId"), "workspaceTag"));
        t.add("GET", "/api/v1/projects/slug/:slug", Auth.IDENTITY_ONLY, Limit.READ, CURRENT, (r, c, p) -> projects.projectBySlug(c, p.get("slug")));
        t.add("GET", "/api/v1/projects/:projectId", Auth.ANY, Limit.READ, CURRENT,
                (r, c, p) -> projects.projectById(c, p.get("projectId"), "project"));
        t.add("GET", "/api/v1/projects/:projectId/tags", Auth.IDENTITY_ONLY, Limit.READ, CURRENT,
                (r, c, p) -> projects.listTags(c, p.get("projectId"), "tags"));
        t.add("POST", "/api/v1/projects/:projectId/tags", Auth.IDENTITY_ONLY, Limit.WRITE, CURRENT,
                (r, c, p) -> projects.createTag(r, c, p.get("projectId"), "tag"));
        // secrets v3 raw (the legacy DELETE /api/v3/secrets/:secretName catches a DELETE without a name)
        t.add("GET", "/api/v3/secrets/raw", Auth.ANY, Limit.SECRETS, BOTH, (r, c, p) -> list.listSecrets(r, c, false));
        t.add("DELETE", "/api/v3/secrets/raw", Auth.ANY, Limit.SECRETS, BOTH, (r, c, p) -> secrets.legacyDelete(r, c));
        for (String m : List.of("POST", "PATCH", "DELETE")) {
            t.add(m, "/api/v3/secrets/batch/raw", Auth.ANY, Limit.SECRETS, BOTH, (r, c, p) -> batch.batch(r, c, false));
        }
        for (String m : List.of("GET", "POST", "PATCH", "DELETE")) {
            t.add(m, "/api/v3/secrets/raw/:secretName", Auth.ANY, Limit.SECRETS, BOTH,
                    (r, c, p) -> secrets.secretByName(r, c, p.get("secretName"), false));
        }
        // secrets v4
        t.add("GET", "/api/v4/secrets", Auth.ANY, Limit.SECRETS, CURRENT, (r, c, p) -> list.listSecrets(r, c, true));
        for (String m : List.of("POST", "PATCH", "DELETE")) {
            t.add(m, "/api/v4/secrets/batch", Auth.ANY, Limit.SECRETS, CURRENT, (r, c, p) -> batch.batch(r, c, true));
        }
        for (String m : List.of("GET", "POST", "PATCH", "DELETE")) {
            t.add(m, "/api/v4/secrets/:secretName", Auth.ANY, Limit.SECRETS, CURRENT,
                    (r, c, p) -> secrets.secretByName(r, c, p.get("secretName"), true));
        }
        // folders
        t.add("GET", "/api/v1/folders", Auth.ANY, Limit.READ, BOTH, (r, c, p) -> folders.listFolders(r, c));
        t.add("POST", "/api/v1/folders", Auth.ANY, Limit.SECRETS, BOTH, (r, c, p) -> folders.createFolder(r, c));
        t.add("GET", "/api/v1/folders/:id", Auth.ANY, Limit.READ, BOTH, (r, c, p) -> folders.getFolder(c, p.get("id")));
        t.add("PATCH", "/api/v1/folders/:folderId", Auth.ANY, Limit.SECRETS, BOTH,
                (r, c, p) -> folders.updateFolder(r, c, p.get("folderId")));
        t.add("DELETE", "/api/v1/folders/:folderId", Auth.ANY, Limit.SECRETS, BOTH,
                (r, c, p) -> folders.deleteFolder(r, c, p.get("folderId")));
        // imports
        t.add("GET", "/api/v1/secret-imports", Auth.ANY, Limit.READ, BOTH, (r, c, p) -> imports.listImports(r, c));
        t.add("POST", "/api/v1/secret-imports", Auth.ANY, Limit.SECRETS, BOTH, (r, c, p) -> imports.createImport(r, c));
        t.add("GET", "/api/v1/secret-imports/:secretImportId", Auth.ANY, Limit.READ, BOTH,
                (r, c, p) -> imports.getImport(c, p.get("secretImportId")));
        t.add("PATCH", "/api/v1/secret-imports/:secretImportId", Auth.ANY, Limit.SECRETS, BOTH,
                (r, c, p) -> imports.updateImport(r, c, p.get("secretImportId")));
        t.add("DELETE", "/api/v1/secret-imports/:secretImportId", Auth.ANY, Limit.SECRETS, BOTH,
                (r, c, p) -> imports.deleteImport(r, c, p.get("secretImportId")));
        // webhooks (people only); the test delivery must not hold the store lock
        t.add("GET", "/api/v1/webhooks", Auth.USER_ONLY, Limit.READ, BOTH, (r, c, p) -> webhooks.list(r, c));
        t.add("POST", "/api/v1/webhooks", Auth.USER_ONLY, Limit.WRITE, BOTH, (r, c, p) -> webhooks.create(r, c));
        t.add("PATCH", "/api/v1/webhooks/:webhookId", Auth.USER_ONLY, Limit.WRITE, BOTH,
                (r, c, p) -> webhooks.update(r, c, p.get("webhookId")));
        t.add("DELETE", "/api/v1/webhooks/:webhookId", Auth.USER_ONLY, Limit.WRITE, BOTH,
                (r, c, p) -> webhooks.delete(c, p.get("webhookId")));
        t.add("POST", "/api/v1/webhooks/:webhookId/test", Auth.USER_ONLY, Limit.WRITE, BOTH, false,
                (r, c, p) -> webhooks.test(c, p.get("webhookId")));
        return t;
    }

    /** The route for a request, or the framework's route 404. */
    Match find(Req req) {
        String[] segs = Routes.normalisePath(req.rawPath).substring(1).split("/", -1);
        for (Route route : routes) {
            if (!route.method.equals(req.method) || route.segments.length != segs.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < segs.length && ok; i++) {
                String want = route.segments[i];
                if (want.startsWith(":")) {
                    if (segs[i].isEmpty()) {
                        ok = false;
                    } else {
                        params.put(want.substring(1), FakeServer.decodePath(segs[i]));
                    }
                } else {
                    ok = want.equals(segs[i]);
                }
            }
            if (ok) {
                for (String v : params.values()) {
                    if (v.length() > 100) {
                        // find-my-way refuses parameters over 100 characters with its route 404
                        throw ApiError.routeNotFound(req.method, req.rawTarget);
                    }
                }
                return new Match(route, params);
            }
        }
        throw ApiError.routeNotFound(req.method, req.rawTarget);
    }
}
