package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The missing-route warning comes from the token manager, with WireMock as a server without the route. */
class WarningSinkRouteTest extends WireSupport {
    @Test
    void missingServiceTokenRouteWarningReachesTheSink() {
        List<String> sink = Collections.synchronizedList(new ArrayList<>());
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v2/service-token"))
                .willReturn(json(404, "{\"message\":\"Route GET:/api/v2/service-token not found\","
                        + "\"error\":\"Not Found\",\"statusCode\":404}")));
        try (InfisicalClient c = client(builder(Credentials.serviceToken(SERVICE_TOKEN)).warnings(sink::add))) {
            assertThat(c.serviceTokenInfo()).isEmpty();
        }
        assertThat(sink).singleElement().asString().contains("/v2/service-token route")
                .doesNotContain(ST_SECRET);
    }
}
