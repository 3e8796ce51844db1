package dev.infisicalpro;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.infisicalpro.internal.ClientRuntime;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsWireTest extends WireSupport {

    @Test
    void listSendsEveryBooleanExplicitlyWithSnakeCaseIncludeImports() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw"))
                .willReturn(json(200, listing(item("APP_KEY", "app-value", "dev", "/app")))));
        try (InfisicalClient client = uaClient()) {
            SecretListing l = client.secrets().list(scope("dev", "/app"), ListOptions.defaults());
            assertThat(l.secrets()).extracting(Secret::key).containsExactly("APP_KEY");
        }
        wm.verify(getRequestedFor(urlEqualTo("/api/v3/secrets/raw?workspaceId=" + PROJECT
                + "&environment=dev&secretPath=%2Fapp&recursive=false&include_imports=true"
                + "&expandSecretReferences=true"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("User-Agent", matching("infisical-pro-java/.+")));
    }

    @Test
    void userAgentIsTheConfiguredPrefixPlusTheLibraryVersion() {
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, listing())));
        try (InfisicalClient client = client(builder(Credentials.accessToken(ACCESS_TOKEN)))) {
            client.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        try (InfisicalClient client = client(builder(Credentials.accessToken(ACCESS_TOKEN)).userAgent("billing-svc"))) {
            client.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw"))
                .withHeader("User-Agent", equalTo("infisical-pro-java/" + ClientRuntime.VERSION)));
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw"))
                .withHeader("User-Agent", equalTo("billing-svc/" + ClientRuntime.VERSION)));
        assertThat(ClientRuntime.VERSION).matches("\\d+\\.\\d+\\.\\d+.*"); // the filtered project version
    }

    @Test
    void listWithAllFlagsOffSendsFalseNotNothing() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, listing())));
        try (InfisicalClient client = uaClient()) {
            client.secrets().list(scope("dev", "/"), new ListOptions(true, false, false));
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw"))
                .withQueryParam("recursive", equalTo("true"))
                .withQueryParam("include_imports", equalTo("false"))
                .withQueryParam("expandSecretReferences", equalTo("false"))
                .withQueryParam("includeImports", absent()));
    }

    @Test
    void universalAuthFirstListCostsTwoRequestsLaterListsOne() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, listing())));
        try (InfisicalClient client = uaClient()) {
            client.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(total()).isEqualTo(2);
            client.secrets().list(scope("dev", "/"), ListOptions.defaults());
            client.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(total()).isEqualTo(4);
            assertThat(count("POST", "/api/v1/auth/universal-auth/login")).isEqualTo(1);
        }
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/auth/universal-auth/login"))
                .withRequestBody(equalToJson("{\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\""
                        + CLIENT_SECRET + "\"}"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void serviceTokenFirstListCostsDescribePlusListThenOneAndSendsThreeParts() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(json(200, describe("dev:/**"))));
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw"))
                .willReturn(json(200, listing(item("APP_KEY", "app-value", "dev", "/app")))));
        try (InfisicalClient client = stClient()) {
            client.secrets().list(Scope.ofToken("dev", "/app"), ListOptions.defaults());
            assertThat(total()).isEqualTo(2);
            client.secrets().list(Scope.ofToken("dev", "/app"), ListOptions.defaults());
            assertThat(total()).isEqualTo(3);
            assertThat(client.serviceTokenInfo()).get().extracting(ServiceTokenInfo::projectId).isEqualTo(PROJECT);
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw"))
                .withQueryParam("workspaceId", equalTo(PROJECT))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN_SENT)));
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v2/service-token"))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN_SENT)));
    }

    @Test
    void listIfChangedSendsStoredEtagVerbatimAnd304IsEmpty() {
        stubLogin(ACCESS_TOKEN);
        String etag = "\"kN3w/5x+Qm1ZyL0a8bTt2pWc7uE=\"";
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).withHeader("If-None-Match", equalTo(etag))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(304)
                        .withHeader("etag", etag)));
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).withHeader("If-None-Match", absent())
                .willReturn(json(200, listing(item("A", "1", "dev", "/"))).withHeader("ETag", etag)));
        try (InfisicalClient client = uaClient()) {
            SecretListing first = client.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(first.etag()).isEqualTo(etag);
            Optional<SecretListing> again = client.secrets().listIfChanged(scope("dev", "/"), ListOptions.defaults(),
                    first.etag());
            assertThat(again).isEmpty();
        }
    }

    @Test
    void listIfChangedReturnsNewListingWhenEtagDiffers() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw"))
                .willReturn(json(200, listing(item("A", "2", "dev", "/"))).withHeader("ETag", "\"new\"")));
        try (InfisicalClient client = uaClient()) {
            Optional<SecretListing> l = client.secrets().listIfChanged(scope("dev", "/"), ListOptions.defaults(),
                    "\"old\"");
            assertThat(l).get().extracting(SecretListing::etag).isEqualTo("\"new\"");
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw")).withHeader("If-None-Match", equalTo("\"old\"")));
    }

    @Test
    void importsAreParsedWithProvenanceAndLastImportWins() {
        stubLogin(ACCESS_TOKEN);
        String body = "{\"secrets\":[" + item("APP_KEY", "app-value", "dev", "/app") + "],"
                + "\"imports\":[{\"secretPath\":\"/app\",\"environment\":\"staging\",\"folderId\":\"f1\",\"secrets\":["
                + item("SHARED", "from-staging-app", "staging", null) + "]},"
                + "{\"secretPath\":\"/\",\"environment\":\"staging\",\"folderId\":\"f2\",\"secrets\":["
                + item("SHARED", "from-staging-root", "staging", null) + ","
                + item("APP_KEY", "imported-app", "staging", null) + "]}]}";
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, body)));
        try (InfisicalClient client = uaClient()) {
            Map<String, Secret> eff = client.secrets().list(scope("dev", "/app"), ListOptions.defaults()).effective();
            assertThat(eff.get("SHARED").value()).isEqualTo("from-staging-root");
            assertThat(eff.get("SHARED").source()).isEqualTo(new Provenance("staging", SecretPath.ROOT, true));
            assertThat(eff.get("APP_KEY").value()).isEqualTo("app-value");
            assertThat(eff.get("APP_KEY").source()).isEqualTo(new Provenance("dev", SecretPath.of("/app"), false));
        }
    }

    @Test
    void getFindsImportedValueAndFindIsEmptyForMissingKey() {
        stubLogin(ACCESS_TOKEN);
        String body = "{\"secrets\":[" + item("ROOT_KEY", "root-value", "dev", "/") + "],"
                + "\"imports\":[{\"secretPath\":\"/\",\"environment\":\"staging\",\"folderId\":\"f\",\"secrets\":["
                + item("STAGING_KEY", "staging-value", "staging", null) + "]}]}";
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, body)));
        try (InfisicalClient client = uaClient()) {
            assertThat(client.secrets().get(scope("dev", "/"), "STAGING_KEY").value()).isEqualTo("staging-value");
            assertThat(client.secrets().find(scope("dev", "/"), "NOPE")).isEmpty();
            assertThatThrownBy(() -> client.secrets().get(scope("dev", "/"), "NOPE"))
                    .isInstanceOf(SecretNotFoundException.class).hasMessageContaining("NOPE")
                    .hasMessageContaining("dev:/");
        }
    }

    @Test
    void keysWithSpacesDollarUnicodeEmojiAndSlashArePathSegmentEncoded() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/HAS%20SPACE"))
                .willReturn(json(200, "{\"secret\":" + item("HAS SPACE", "v", "dev", null) + "}")));
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/slash%2Fkey"))
                .willReturn(json(200, "{\"secret\":" + item("slash/key", "v", "dev", null) + "}")));
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/dollar%24key"))
                .willReturn(json(200, "{\"secret\":" + item("dollar$key", "v", "dev", null) + "}")));
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/%D0%BA%D0%BB%D1%8E%D1%87"))
                .willReturn(json(200, "{\"secret\":" + item("ключ", "v", "dev", null) + "}")));
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/KEY_%F0%9F%94%91"))
                .willReturn(json(200, "{\"secret\":" + item("KEY_🔑", "v", "dev", null) + "}")));
        try (InfisicalClient client = uaClient()) {
            for (String key : List.of("HAS SPACE", "slash/key", "dollar$key", "ключ", "KEY_🔑")) {
                assertThat(client.secrets().create(scope("dev", "/app/sub"), NewSecret.of(key, "v")).key())
                        .isEqualTo(key);
            }
        }
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlPathEqualTo("/api/v3/secrets/raw/HAS%20SPACE")));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getBodyAsString()).isEqualTo("{\"workspaceId\":\"" + PROJECT
                + "\",\"environment\":\"dev\",\"secretPath\":\"/app/sub\",\"secretValue\":\"v\",\"secretComment\":\"\","
                + "\"type\":\"shared\"}");
    }

    /** OCT24's answer to a PATCH without secretValue, as captured from a real server. */
    static final String VALUE_REQUIRED = "{\"statusCode\":401,\"message\":[{\"code\":\"invalid_type\",\"expected\":"
            + "\"string\",\"received\":\"undefined\",\"path\":[\"secretValue\"],\"message\":\"Required\"}],"
            + "\"error\":\"ValidationFailure\"}";

    @Test
    void renameOnlyUpdateSendsNoValueSoAConcurrentValueChangeIsKept() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(patch(urlPathEqualTo("/api/v3/secrets/raw/REF_LOCAL"))
                .willReturn(json(200, "{\"secret\":" + item("RENAMED", "${ROOT_KEY}-suffix", "dev", null) + "}")));
        try (InfisicalClient client = uaClient()) {
            client.secrets().update(scope("dev", "/"), "REF_LOCAL", SecretUpdate.rename("RENAMED"));
        }
        assertThat(count("GET", "/api/v3/secrets/raw")).isZero();
        wm.verify(patchRequestedFor(urlPathEqualTo("/api/v3/secrets/raw/REF_LOCAL"))
                .withRequestBody(equalToJson("{\"workspaceId\":\"" + PROJECT + "\",\"environment\":\"dev\","
                        + "\"secretPath\":\"/\",\"type\":\"shared\",\"newSecretName\":\"RENAMED\"}")));
    }

    @Test
    void renameOnlyUpdateReadsAndResendsTheStoredRawValueOnlyWhenTheServerRequiresIt() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200,
                listing(item("REF_LOCAL", "${ROOT_KEY}-suffix", "dev", "/")))));
        wm.stubFor(patch(urlPathEqualTo("/api/v3/secrets/raw/REF_LOCAL"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("secretValue"))
                .willReturn(json(401, VALUE_REQUIRED)));
        wm.stubFor(patch(urlPathEqualTo("/api/v3/secrets/raw/REF_LOCAL"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("secretValue"))
                .willReturn(json(200, "{\"secret\":" + item("RENAMED", "${ROOT_KEY}-suffix", "dev", null) + "}")));
        try (InfisicalClient client = uaClient()) {
            Secret s = client.secrets().update(scope("dev", "/"), "REF_LOCAL", SecretUpdate.rename("RENAMED"));
            assertThat(s.key()).isEqualTo("RENAMED");
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v3/secrets/raw"))
                .withQueryParam("expandSecretReferences", equalTo("false"))
                .withQueryParam("include_imports", equalTo("false")));
        wm.verify(patchRequestedFor(urlPathEqualTo("/api/v3/secrets/raw/REF_LOCAL"))
                .withRequestBody(equalToJson("{\"workspaceId\":\"" + PROJECT + "\",\"environment\":\"dev\","
                        + "\"secretPath\":\"/\",\"type\":\"shared\",\"secretValue\":\"${ROOT_KEY}-suffix\","
                        + "\"newSecretName\":\"RENAMED\"}")));
    }

    @Test
    void valueUpdateDoesNotReadFirst() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(patch(urlPathEqualTo("/api/v3/secrets/raw/SHARED"))
                .willReturn(json(200, "{\"secret\":" + item("SHARED", "from-root-v2", "dev", null) + "}")));
        try (InfisicalClient client = uaClient()) {
            client.secrets().update(scope("dev", "/"), "SHARED", SecretUpdate.value("from-root-v2"));
        }
        assertThat(count("GET", "/api/v3/secrets/raw")).isZero();
    }

    @Test
    void deleteSendsJsonBodyOnDelete() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(delete(urlPathEqualTo("/api/v3/secrets/raw/EMPTY_VALUE"))
                .willReturn(json(200, "{\"secret\":" + item("EMPTY_VALUE", "", "dev", null) + "}")));
        try (InfisicalClient client = uaClient()) {
            assertThat(client.secrets().delete(scope("dev", "/"), "EMPTY_VALUE").key()).isEqualTo("EMPTY_VALUE");
        }
        wm.verify(deleteRequestedFor(urlPathEqualTo("/api/v3/secrets/raw/EMPTY_VALUE"))
                .withRequestBody(equalToJson("{\"workspaceId\":\"" + PROJECT + "\",\"environment\":\"dev\","
                        + "\"secretPath\":\"/\",\"type\":\"shared\"}")));
    }

    @Test
    void hiddenValuesAreAPermissionErrorNamingTheKeysNotAPlaceholderValue() {
        stubLogin(ACCESS_TOKEN);
        String hidden = item("DB_PASSWORD", "<hidden-by-infisical>", "dev", "/")
                .replace("\"secretValue\"", "\"secretValueHidden\":true,\"secretValue\"");
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200,
                listing(item("VISIBLE", "VALUE-CANARY-71", "dev", "/"), hidden))));
        try (InfisicalClient client = uaClient()) {
            assertThatThrownBy(() -> client.secrets().get(scope("dev", "/"), "VISIBLE"))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("DB_PASSWORD").hasMessageContaining("read")
                    .message().doesNotContain("VALUE-CANARY-71").doesNotContain("VISIBLE");
        }
    }

    @Test
    void aGetOneAnswerWithoutItsSecretIsAFailedReadNotAnAbsentKey() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw/K")).willReturn(json(200, "{}")));
        wm.stubFor(get(urlPathEqualTo("/api/v3/secrets/raw")).willReturn(json(200, listing())));
        try (InfisicalClient client = uaClient()) {
            assertThatThrownBy(() -> client.secrets().find(scope("dev", "/"), "K"))
                    .isInstanceOf(TransportException.class).hasMessageContaining("secret");
        }
    }

    @Test
    void listIfChangedRejectsANullEtag() {
        try (InfisicalClient client = uaClient()) {
            assertThatThrownBy(() -> client.secrets().listIfChanged(scope("dev", "/"), ListOptions.defaults(), null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("etag");
        }
        assertThat(total()).isZero();
    }
}
