package dev.infisicalpro;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Folder writes and missing folders, on both server generations. */
class FoldersWireTest extends WireSupport {

    private static final String FOLDERS = "/api/v1/folders";

    private InfisicalClient client() {
        return client(builder(Credentials.accessToken(ACCESS_TOKEN)));
    }

    private static String folder(String id, String name) {
        return "{\"folder\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"version\":1,\"createdAt\":"
                + "\"2026-11-29T07:57:41.598Z\",\"updatedAt\":\"2026-11-29T07:57:41.598Z\",\"envId\":\"e\","
                + "\"parentId\":\"p\",\"isReserved\":false}}";
    }

    private static String folders(String... names) {
        StringBuilder sb = new StringBuilder("{\"folders\":[");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"").append(names[i]).append("\",\"id\":\"id-")
                    .append(names[i]).append("\"}");
        }
        return sb.append("]}").toString();
    }

    @Test
    void listSendsWorkspaceEnvironmentAndPathAndReturnsChildren() {
        wm.stubFor(get(urlPathEqualTo(FOLDERS)).willReturn(json(200, folders("app", "missing-parent"))));
        try (InfisicalClient c = client()) {
            List<Folder> l = c.folders().list(scope("dev", "/"));
            assertThat(l).extracting(Folder::path).containsExactly(SecretPath.of("/app"), SecretPath.of("/missing-parent"));
        }
        wm.verify(getRequestedFor(urlPathEqualTo(FOLDERS)).withQueryParam("workspaceId", equalTo(PROJECT))
                .withQueryParam("environment", equalTo("dev")).withQueryParam("path", equalTo("/")));
    }

    @Test
    void ensureOnOct24IsOneRequestBecauseTheServerCreatesParents() {
        wm.stubFor(post(urlPathEqualTo(FOLDERS)).willReturn(json(200, folder("f1", "child"))));
        try (InfisicalClient c = client()) {
            Folder f = c.folders().ensure(scope("dev", "/missing-parent/child"));
            assertThat(f.path()).isEqualTo(SecretPath.of("/missing-parent/child"));
            assertThat(f.id()).isEqualTo("f1");
        }
        wm.verify(postRequestedFor(urlPathEqualTo(FOLDERS)).withRequestBody(equalToJson("{\"workspaceId\":\"" + PROJECT
                + "\",\"environment\":\"dev\",\"name\":\"child\",\"path\":\"/missing-parent\"}")));
        assertThat(total()).isEqualTo(1);
    }

    @Test
    void creatingAnExistingFolderOnNewerServersIsSuccess() {
        wm.stubFor(post(urlPathEqualTo(FOLDERS)).willReturn(json(400, error(400,
                "Folder with name 'app' already exists in path '/'", "BadRequest"))));
        wm.stubFor(get(urlPathEqualTo(FOLDERS)).willReturn(json(200, folders("app"))));
        try (InfisicalClient c = client()) {
            Folder f = c.folders().create(scope("dev", "/app"), FolderOptions.defaults());
            assertThat(f.id()).isEqualTo("id-app");
        }
    }

    @Test
    void ensureOnNewerServersCreatesMissingParentsFirst() {
        String parentMissing = json(404, error(404, "Parent folder for path '/a/b' not found", "NotFound")).build()
                .getBody();
        // /a/b refused until /a exists
        wm.stubFor(post(urlPathEqualTo(FOLDERS)).withRequestBody(matchingJsonPath("$.name", equalTo("b")))
                .inScenario("cur").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(404, parentMissing)));
        wm.stubFor(post(urlPathEqualTo(FOLDERS)).withRequestBody(matchingJsonPath("$.name", equalTo("a")))
                .inScenario("cur").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, folder("fa", "a"))).willSetStateTo("a-exists"));
        wm.stubFor(post(urlPathEqualTo(FOLDERS)).withRequestBody(matchingJsonPath("$.name", equalTo("b")))
                .inScenario("cur").whenScenarioStateIs("a-exists")
                .willReturn(json(200, folder("fb", "b"))));
        try (InfisicalClient c = client()) {
            assertThat(c.folders().ensure(scope("dev", "/a/b")).id()).isEqualTo("fb");
        }
        assertThat(count("POST", FOLDERS)).isEqualTo(3);
    }

    @Test
    void createWithoutCreateParentsFailsWhenTheParentIsMissingEvenOnServersThatWouldCreateIt() {
        wm.stubFor(get(urlPathEqualTo(FOLDERS)).willReturn(json(200, folders("app"))));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.folders().create(scope("dev", "/missing-parent/child"), FolderOptions.defaults()))
                    .isInstanceOf(FolderNotFoundException.class).hasMessageContaining("CREATE_PARENTS");
        }
        assertThat(count("POST", FOLDERS)).isZero();
    }

    @Test
    void renameFindsTheFolderIdAndSendsTheParentPath() {
        wm.stubFor(get(urlPathEqualTo(FOLDERS)).willReturn(json(200, folders("old"))));
        wm.stubFor(patch(urlPathEqualTo(FOLDERS + "/id-old")).willReturn(json(200, folder("id-old", "new"))));
        try (InfisicalClient c = client()) {
            Folder f = c.folders().rename(scope("dev", "/apps/old"), "new");
            assertThat(f.path()).isEqualTo(SecretPath.of("/apps/new"));
        }
        wm.verify(patchRequestedFor(urlPathEqualTo(FOLDERS + "/id-old")).withRequestBody(equalToJson(
                "{\"workspaceId\":\"" + PROJECT + "\",\"environment\":\"dev\",\"name\":\"new\",\"path\":\"/apps\"}")));
    }

    @Test
    void deleteSendsTheNameAndParentPath() {
        wm.stubFor(delete(urlPathEqualTo(FOLDERS + "/tobedeleted")).willReturn(json(200, folder("f9", "tobedeleted"))));
        try (InfisicalClient c = client()) {
            assertThat(c.folders().delete(scope("dev", "/tobedeleted")).id()).isEqualTo("f9");
        }
        wm.verify(deleteRequestedFor(urlPathEqualTo(FOLDERS + "/tobedeleted")).withRequestBody(equalToJson(
                "{\"workspaceId\":\"" + PROJECT + "\",\"environment\":\"dev\",\"path\":\"/\"}")));
    }

    @Test
    void deletingAMissingFolderIsAFolderNotFound() {
        wm.stubFor(delete(urlPathEqualTo(FOLDERS + "/nosuchfolder")).willReturn(json(404, error(404,
                "Failed to delete folder with ID 'nosuchfolder', not found", "NotFound"))));
        try (InfisicalClient c = client()) {
            assertThatThrownBy(() -> c.folders().delete(scope("dev", "/nosuchfolder")))
                    .isInstanceOf(FolderNotFoundException.class);
        }
    }

    @Test
    void createMissingFoldersOnAWriteEnsuresTheFolderFirst() {
        wm.stubFor(post(urlPathEqualTo(FOLDERS)).willReturn(json(200, folder("f", "sub"))));
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/K"))
                .willReturn(json(200, "{\"secret\":" + item("K", "v", "dev", null) + "}")));
        try (InfisicalClient c = client()) {
            Secret s = c.secrets().create(scope("dev", "/new/sub"), NewSecret.of("K", "v"), WriteOptions.CREATE_MISSING_FOLDERS);
            assertThat(s.path()).isEqualTo(SecretPath.of("/new/sub"));
        }
        List<String> order = wm.getAllServeEvents().stream().map(e -> e.getRequest().getMethod() + " "
                + e.getRequest().getUrl()).toList();
        assertThat(order).containsExactly("POST /api/v3/secrets/raw/K", "POST /api/v1/folders"); // newest first
    }

    @Test
    void rootFolderNeedsNoRequest() {
        try (InfisicalClient c = client()) {
            assertThat(c.folders().ensure(scope("dev", "/")).path()).isEqualTo(SecretPath.ROOT);
        }
        assertThat(total()).isZero();
    }
}
