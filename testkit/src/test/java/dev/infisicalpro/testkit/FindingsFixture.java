package dev.infisicalpro.testkit;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The seed of real-server-findings.md §0.2, so that tests can compare answers row by row with the
 * transcripts of the real OCT24 server.
 */
final class FindingsFixture {

    final FakeInfisical fake;
    final FakeProject project;
    final FakeProject project2;
    final ServiceTokenCredentials stRoot;
    final ServiceTokenCredentials stGlob;
    final ServiceTokenCredentials stAppGlob;
    final ServiceTokenCredentials stApp;
    final ServiceTokenCredentials stMulti;
    final ServiceTokenCredentials stReadOnlyRoot;
    final UniversalAuthCredentials uaAdmin;
    final UniversalAuthCredentials uaViewer;
    final Http http;
    private String adminToken;
    private String viewerToken;

    FindingsFixture(FakeInfisical fake) {
        this.fake = fake;
        this.http = new Http(fake);
        project = fake.createProject("java-client-test");
        project.putSecret("dev", "/", "ROOT_KEY", "root-value", "a root secret");
        project.putSecret("dev", "/", "SHARED", "from-root");
        project.putSecret("dev", "/", "REF_LOCAL", "${ROOT_KEY}-suffix");
        project.putSecret("dev", "/", "REF_CROSS", "x-${dev.app.APP_KEY}-y");
        project.putSecret("dev", "/", "REF_MISSING", "${DOES_NOT_EXIST}");
        project.putSecret("dev", "/app", "APP_KEY", "app-value");
        project.putSecret("dev", "/app", "SHARED", "from-app");
        project.putSecret("dev", "/app/sub", "SUB_KEY", "sub-value");
        project.putSecret("staging", "/", "STAGING_KEY", "staging-value");
        project.putSecret("staging", "/", "SHARED", "from-staging");
        project.putSecret("staging", "/app", "STAGING_APP_KEY", "staging-app-value");
        project.putSecret("prod", "/", "PROD_KEY", "prod-value");
        project.addImport("dev", "/", "staging", "/");
        project.addImport("dev", "/app", "staging", "/app");
        EnumSet<Permission> rw = EnumSet.of(Permission.READ, Permission.WRITE);
        stRoot = project.createServiceToken("st-dev-root", List.of(TokenScope.of("dev", "/")), rw);
        stGlob = project.createServiceToken("st-dev-glob", List.of(TokenScope.of("dev", "/**")), rw);
        stAppGlob = project.createServiceToken("st-dev-app-glob", List.of(TokenScope.of("dev", "/app/**")), rw);
        stApp = project.createServiceToken("st-dev-app", List.of(TokenScope.of("dev", "/app")), rw);
        stMulti = project.createServiceToken("st-dev-staging-root",
                List.of(TokenScope.of("dev", "/"), TokenScope.of("staging", "/")), rw);
        stReadOnlyRoot = project.createServiceToken("st-dev-root-readonly", List.of(TokenScope.of("dev", "/")),
                EnumSet.of(Permission.READ));
        uaAdmin = project.createUniversalAuthIdentity("admin", Role.ADMIN, Duration.ofHours(2), Duration.ofHours(24));
        uaViewer = project.createUniversalAuthIdentity("viewer", Role.VIEWER, Duration.ofHours(2), Duration.ofHours(24));
        project2 = fake.createProject("second");
        project2.putSecret("dev", "/", "OTHER", "other-project");
    }

    String admin() {
        if (adminToken == null) {
            adminToken = http.login(uaAdmin);
        }
        return adminToken;
    }

    String viewer() {
        if (viewerToken == null) {
            viewerToken = http.login(uaViewer);
        }
        return viewerToken;
    }

    ServiceTokenCredentials token(String legendName) {
        return Map.of("ST_root", stRoot, "ST_glob", stGlob, "ST_appGlob", stAppGlob, "ST_app", stApp,
                "ST_multi", stMulti, "ST_readOnlyRoot", stReadOnlyRoot).get(legendName);
    }

    /** {@code GET /api/v3/secrets/raw} with workspaceId of the main project and the given extra params. */
    Http.Res list(String token, String... extra) {
        Map<String, String> p = Http.params("workspaceId", project.id(), "environment", "dev");
        p.putAll(Http.params(extra));
        return http.get("/api/v3/secrets/raw?" + Http.q(p), token);
    }

    Http.Res getOne(String token, String key, String... params) {
        Map<String, String> p = Http.params("workspaceId", project.id(), "environment", "dev");
        p.putAll(Http.params(params));
        return http.get("/api/v3/secrets/raw/" + Http.enc(key) + "?" + Http.q(p), token);
    }

    Map<String, Object> body(String... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("workspaceId", project.id());
        m.put("environment", "dev");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Sorted {@code KEY@env:path} of a list answer, the notation of the findings' matrix. */
    static List<String> keys(Http.Res r) {
        List<String> out = new java.util.ArrayList<>();
        r.json().path("secrets").forEach(s -> out.add(s.get("secretKey").asText() + "@"
                + s.get("environment").asText() + ":" + s.get("secretPath").asText()));
        out.sort(null);
        return out;
    }

    /** {@code env:path=K1/K2} per import block, like the matrix's "imports:" column. */
    static List<String> imports(Http.Res r) {
        List<String> out = new java.util.ArrayList<>();
        r.json().path("imports").forEach(b -> {
            List<String> ks = new java.util.ArrayList<>();
            b.path("secrets").forEach(s -> ks.add(s.get("secretKey").asText()));
            ks.sort(null);
            out.add(b.get("environment").asText() + ":" + b.get("secretPath").asText() + "=" + String.join("/", ks));
        });
        return out;
    }
}
