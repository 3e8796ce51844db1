package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.SeedResult;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.UniversalAuthCredentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads a JSON seed file into a fake. Unknown keys are an error (a typo in a seed file should not
 * silently produce an empty project). Not API; the format is documented in testkit/README.md.
 */
public final class SeedLoader {

    private SeedLoader() {
    }

    public static SeedResult load(FakeInfisical fake, Store store, Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
        return apply(fake, store, root);
    }

    public static SeedResult apply(FakeInfisical fake, Store store, JsonNode root) {
        allowed(root, "seed", "projects", "inviteOnlySignup");
        if (root.has("inviteOnlySignup")) {
            store.inviteOnlySignup = root.get("inviteOnlySignup").asBoolean(); // GET /api/status reports it
        }
        List<FakeProject> projects = new ArrayList<>();
        List<ServiceTokenCredentials> tokens = new ArrayList<>();
        List<UniversalAuthCredentials> ua = new ArrayList<>();
        List<String> k8s = new ArrayList<>();
        for (JsonNode pj : root.path("projects")) {
            allowed(pj, "project", "name", "slug", "id", "environments", "folders", "secrets", "imports",
                    "serviceTokens", "universalAuthIdentities", "kubernetesIdentities", "webhooks");
            String name = req(pj, "name");
            FakeProject p;
            String pid;
            synchronized (store) {
                Store.Project sp = store.createProject(name, opt(pj, "slug"), opt(pj, "id"));
                if (pj.has("environments")) {
                    for (JsonNode e : pj.get("environments")) {
                        String slug = e.isTextual() ? e.asText() : req(e, "slug");
                        String ename = e.isTextual() ? defaultEnvName(slug) : opt(e, "name");
                        store.createEnvironment(sp, slug, ename == null ? defaultEnvName(slug) : ename);
                    }
                } else {
                    store.createEnvironment(sp, "dev", "Development");
                    store.createEnvironment(sp, "staging", "Staging");
                    store.createEnvironment(sp, "prod", "Production");
                }
                pid = sp.id;
            }
            p = fake.project(pid).orElseThrow();
            projects.add(p);
            for (JsonNode f : pj.path("folders")) {
                allowed(f, "folder", "environment", "path");
                p.createFolder(req(f, "environment"), req(f, "path"));
            }
            for (JsonNode s : pj.path("secrets")) {
                allowed(s, "secret", "environment", "path", "key", "value", "comment", "skipMultilineEncoding");
                String env = req(s, "environment");
                String path = opt(s, "path") == null ? "/" : opt(s, "path");
                p.putSecret(env, path, req(s, "key"), req(s, "value"), opt(s, "comment"));
                if (s.path("skipMultilineEncoding").asBoolean(false)) {
                    p.skipMultilineEncoding(env, path, req(s, "key"), true);
                }
            }
            for (JsonNode i : pj.path("imports")) {
                allowed(i, "import", "environment", "path", "fromEnvironment", "fromPath");
                p.addImport(req(i, "environment"), opt(i, "path") == null ? "/" : opt(i, "path"),
                        req(i, "fromEnvironment"), opt(i, "fromPath") == null ? "/" : opt(i, "fromPath"));
            }
            for (JsonNode w : pj.path("webhooks")) {
                allowed(w, "webhook", "environment", "secretPath", "url", "secretKey");
                p.addWebhook(req(w, "environment"), opt(w, "secretPath") == null ? "/" : opt(w, "secretPath"),
                        java.net.URI.create(req(w, "url")), opt(w, "secretKey") == null ? "" : opt(w, "secretKey"));
            }
            for (JsonNode t : pj.path("serviceTokens")) {
                allowed(t, "service token", "name", "scopes", "permissions", "expiresAt", "token");
                List<TokenScope> scopes = new ArrayList<>();
                for (JsonNode sc : t.path("scopes")) {
                    scopes.add(TokenScope.of(req(sc, "environment"), req(sc, "secretPath")));
                }
                EnumSet<Permission> perms = EnumSet.noneOf(Permission.class);
                JsonNode pn = t.get("permissions");
                if (pn == null) {
                    perms.add(Permission.READ);
                } else {
                    for (JsonNode x : pn) {
                        perms.add(Permission.valueOf(x.asText().toUpperCase(Locale.ROOT)));
                    }
                }
                Instant expires = opt(t, "expiresAt") == null ? null : Instant.parse(opt(t, "expiresAt"));
                synchronized (store) {
                    Store.ServiceToken st = store.createServiceToken(store.projects.get(p.id()), req(t, "name"),
                            scopes, perms, expires, opt(t, "token"));
                    tokens.add(new ServiceTokenCredentials(st.id, st.name, p.id(), st.token()));
                }
            }
            for (JsonNode u : pj.path("universalAuthIdentities")) {
                allowed(u, "universal-auth identity", "name", "role", "accessTokenTTL", "accessTokenMaxTTL",
                        "clientId", "clientSecret", "clientSecretTTL", "clientSecretNumUsesLimit",
                        "accessTokenNumUsesLimit");
                synchronized (store) {
                    Store.Identity i = store.createUniversalAuthIdentity(store.projects.get(p.id()), req(u, "name"),
                            role(u), Duration.ofSeconds(u.path("accessTokenTTL").asLong(7200)),
                            Duration.ofSeconds(u.path("accessTokenMaxTTL").asLong(86400)),
                            opt(u, "clientId"), opt(u, "clientSecret"));
                    i.clientSecretTtl = Duration.ofSeconds(u.path("clientSecretTTL").asLong(0));
                    i.clientSecretUsesLimit = u.path("clientSecretNumUsesLimit").asInt(0);
                    i.accessTokenUsesLimit = u.path("accessTokenNumUsesLimit").asInt(0);
                    ua.add(new UniversalAuthCredentials(i.id, i.clientId, i.clientSecret));
                }
            }
            for (JsonNode k : pj.path("kubernetesIdentities")) {
                allowed(k, "kubernetes identity", "name", "jwt", "role", "accessTokenTTL", "accessTokenMaxTTL");
                k8s.add(p.createKubernetesIdentity(req(k, "name"), req(k, "jwt"), role(k),
                        Duration.ofSeconds(k.path("accessTokenTTL").asLong(7200)),
                        Duration.ofSeconds(k.path("accessTokenMaxTTL").asLong(86400))));
            }
        }
        return new SeedResult(projects, tokens, ua, k8s);
    }

    private static Role role(JsonNode n) {
        String r = opt(n, "role");
        return r == null ? Role.ADMIN : Role.valueOf(r.toUpperCase(Locale.ROOT));
    }

    private static String defaultEnvName(String slug) {
        return switch (slug) {
            case "dev" -> "Development";
            case "staging" -> "Staging";
            case "prod" -> "Production";
            default -> slug;
        };
    }

    private static void allowed(JsonNode n, String what, String... keys) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("seed: " + what + " must be a JSON object");
        }
        List<String> ok = List.of(keys);
        n.fieldNames().forEachRemaining(k -> {
            if (!ok.contains(k)) {
                throw new IllegalArgumentException("seed: unknown key '" + k + "' in " + what + " (allowed: " + ok + ")");
            }
        });
    }

    private static String req(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            // the node itself is not printed: it may hold a secret value
            throw new IllegalArgumentException("seed: missing '" + key + "' (present keys: "
                    + keys(n) + ")");
        }
        return v.asText();
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String opt(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
