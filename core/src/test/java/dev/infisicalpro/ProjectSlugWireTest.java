package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A server without GET /api/v2/workspace/:slug (route 404): the slug is learned from a listing instead. */
class ProjectSlugWireTest extends WireSupport {

    @Test
    void serverWithoutTheSlugRouteFallsBackToAListing() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/workspace/my-project")).willReturn(json(404,
                "{\"statusCode\":404,\"message\":\"Route GET:/api/v2/workspace/my-project not found\","
                        + "\"error\":\"Not Found\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, listing(item("A", "1", "dev", "/")))));
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/K"))
                .willReturn(json(200, "{\"secret\":" + item("K", "v", "dev", null) + "}")));
        try (InfisicalClient c = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            c.secrets().create(Scope.of(ProjectRef.slug("my-project"), "dev", "/"), NewSecret.of("K", "v"));
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw"))
                .withQueryParam("workspaceSlug", equalTo("my-project")));
        assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/api/v3/secrets/raw/K"))).get(0).getBodyAsString()).contains(PROJECT);
    }
}
