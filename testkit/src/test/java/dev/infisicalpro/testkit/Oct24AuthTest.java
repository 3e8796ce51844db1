package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static dev.infisicalpro.testkit.Oct24ServiceTokenTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/** real-server-findings.md §2 (describe service token) and §3 (universal auth, tokens, TTLs), OCT24. */
class Oct24AuthTest {

    FakeInfisical fake;
    FindingsFixture fx;
    Http http;

    @BeforeEach
    void start() {
        fake = FakeInfisical.builder().clock(MutableClock.fixed(Instant.parse("2026-11-29T07:55:00Z"))).start();
        fx = new FindingsFixture(fake);
        http = fx.http;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private Http.Res listWith(String authorizationHeader) {
        return http.get("/api/v3/secrets/raw?" + Http.q(Http.params("workspaceId", fx.project.id(), "environment",
                "dev", "secretPath", "/")), null, authorizationHeader == null ? Map.of()
                : Map.of("Authorization", authorizationHeader));
    }

    private Http.Res login(Object body) {
        return http.json("POST", "/api/v1/auth/universal-auth/login", null, body);
    }

    // ------------------------------------------------------------------ §2

    @Test
    void describeServiceToken() {
        Http.Res r = http.get("/api/v2/service-token", fx.stRoot.token());
        assertThat(r.status()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(fieldNames(b)).containsExactly("id", "name", "scopes", "permissions", "lastUsed", "expiresAt",
                "secretHash", "encryptedKey", "iv", "tag", "createdAt", "updatedAt", "createdBy", "projectId",
                "workspace", "user", "_id", "__v");
        assertThat(b.get("id").asText()).isEqualTo(fx.stRoot.id()).isEqualTo(b.get("_id").asText());
        assertThat(b.get("name").asText()).isEqualTo("st-dev-root");
        assertThat(b.get("scopes").toString()).isEqualTo("[{\"secretPath\":\"/\",\"environment\":\"dev\"}]");
        assertThat(b.get("permissions").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(b.get("workspace").asText()).isEqualTo(fx.project.id()).isEqualTo(b.get("projectId").asText());
        assertThat(b.get("expiresAt").isNull()).isTrue();
        // issue 13 #8, real: lastUsed is the *previous* use (the row is read before this request updates it)
        assertThat(b.get("lastUsed").isNull()).as("first use").isTrue();
        fake.clock().advance(java.time.Duration.ofSeconds(5));
        JsonNode second = http.get("/api/v2/service-token", fx.stRoot.token()).json();
        assertThat(second.get("lastUsed").asText()).isEqualTo("2026-11-29T07:55:00.000Z");
        assertThat(b.get("__v").asInt()).isZero();
        assertThat(b.get("user").get("email").asText()).contains("@");

        JsonNode multi = http.get("/api/v2/service-token", fx.stMulti.token()).json();
        assertThat(multi.get("scopes")).hasSize(2);
        JsonNode ro = http.get("/api/v2/service-token", fx.stReadOnlyRoot.bearer()).json();
        assertThat(ro.get("permissions").toString()).isEqualTo("[\"read\"]");
    }

    @Test
    void describeRefusesIdentityTokensAndUnknownIds() {
        Http.Res ua = http.get("/api/v2/service-token", fx.admin());
        assertThat(ua.status()).isEqualTo(403);
        assertThat(ua.message()).isEqualTo("You are not allowed to access this resource");
        assertThat(ua.error()).isEqualTo("Forbidden access to /api/v2/service-token");

        Http.Res unknown = http.get("/api/v2/service-token", "st.00000000-0000-0000-0000-000000000000.aaa");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo("Service token with ID '00000000-0000-0000-0000-000000000000' not found");
        assertThat(unknown.error()).isEqualTo("NotFound");
    }

    @Test
    void serviceTokenOutcomes() {
        String[] parts = fx.stRoot.token().split("\\.");
        Http.Res wrong = listWith("Bearer st." + parts[1] + ".wrongsecret." + parts[3]);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).isEqualTo("Invalid service token");
        assertThat(wrong.error()).isEqualTo("UnauthorizedError");

        Http.Res threeParts = listWith("Bearer " + fx.stRoot.bearer());
        assertThat(threeParts.status()).isEqualTo(200);
        assertThat(FindingsFixture.keys(threeParts)).contains("ROOT_KEY@dev:/");
    }

    @Test
    void expiredServiceTokenIsForbiddenOnceThenGone() {
        ServiceTokenCredentials shortLived = fx.project.createServiceToken("st-short", List.of(TokenScope.of("dev", "/")),
                EnumSet.of(Permission.READ), fake.clock().instant().plusSeconds(60));
        assertThat(listWith("Bearer " + shortLived.token()).status()).isEqualTo(200);
        fake.clock().advance(Duration.ofSeconds(61));
        Http.Res expired = listWith("Bearer " + shortLived.token());
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.message()).isEqualTo("Service token has expired");
        assertThat(expired.error()).isEqualTo("ForbiddenError");
        Http.Res after = http.get("/api/v2/service-token", shortLived.token());
        assertThat(after.status()).isEqualTo(404);
        assertThat(after.message()).isEqualTo("Service token with ID '" + shortLived.id() + "' not found");
    }

    @Test
    void deletedServiceTokenIsNotFoundAndScopesLoseTheirTrailingSlash() {
        ServiceTokenCredentials t = fx.project.createServiceToken("st-deleted", List.of(TokenScope.of("dev", "/app/")),
                EnumSet.of(Permission.READ));
        assertThat(http.get("/api/v2/service-token", t.token()).json().at("/scopes/0/secretPath").asText())
                .isEqualTo("/app");
        assertThat(fx.project.deleteServiceToken(t.id())).isTrue();
        Http.Res r = listWith("Bearer " + t.token());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.message()).isEqualTo("Service token with ID '" + t.id() + "' not found");
        assertThat(fx.project2.deleteServiceToken(fx.stRoot.id())).isFalse(); // not that project's token
    }

    // ------------------------------------------------------------------ §3 login

    @Test
    void loginAnswersTheIdentitysTtls() {
        Http.Res r = login(Map.of("clientId", fx.uaAdmin.clientId(), "clientSecret", fx.uaAdmin.clientSecret()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(fieldNames(r.json())).containsExactly("accessToken", "expiresIn", "accessTokenMaxTTL", "tokenType");
        assertThat(r.json().get("expiresIn").asLong()).isEqualTo(7200);
        assertThat(r.json().get("accessTokenMaxTTL").asLong()).isEqualTo(86400);
        assertThat(r.json().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("accessToken").asText().split("\\.")).hasSize(3); // a JWT
    }

    @Test
    void loginErrors() {
        Http.Res wrong = login(Map.of("clientId", fx.uaAdmin.clientId(), "clientSecret", "0".repeat(64)));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).isEqualTo("Invalid credentials");
        assertThat(wrong.error()).isEqualTo("UnauthorizedError");

        for (String id : List.of("00000000-0000-0000-0000-000000000000", "not-a-uuid")) {
            Http.Res unknown = login(Map.of("clientId", id, "clientSecret", fx.uaAdmin.clientSecret()));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.message()).isEqualTo("No identity with specified client ID was found");
            assertThat(unknown.error()).isEqualTo("NotFound");
        }
        // OCT24 has no lockout: a fourth wrong attempt and then the right secret still work
        for (int i = 0; i < 4; i++) {
            login(Map.of("clientId", fx.uaAdmin.clientId(), "clientSecret", "nope"));
        }
        assertThat(login(Map.of("clientId", fx.uaAdmin.clientId(), "clientSecret", fx.uaAdmin.clientSecret())).status())
                .isEqualTo(200);
    }

    @Test
    void snakeCaseLoginIsA401ValidationFailureNamingBothFields() {
        Http.Res r = login(Map.of("client_id", fx.uaAdmin.clientId(), "client_secret", fx.uaAdmin.clientSecret()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("ValidationFailure");
        assertThat(r.json().get("message").toString()).isEqualTo(
                "[{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\",\"path\":[\"clientId\"],\"message\":\"Required\"},"
                        + "{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\",\"path\":[\"clientSecret\"],\"message\":\"Required\"}]");
    }

    @Test
    void loginBodyFormats() {
        Http.Res form = http.send("POST", "/api/v1/auth/universal-auth/login", null,
                "clientId=" + Http.enc(fx.uaAdmin.clientId()) + "&clientSecret=" + Http.enc(fx.uaAdmin.clientSecret()),
                "application/x-www-form-urlencoded", Map.of());
        assertThat(form.status()).isEqualTo(200);

        Http.Res none = http.send("POST", "/api/v1/auth/universal-auth/login", null, null, null, Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("message").toString()).isEqualTo(
                "[{\"code\":\"invalid_type\",\"expected\":\"object\",\"received\":\"null\",\"path\":[],\"message\":\"Expected object, received null\"}]");

        Http.Res text = http.send("POST", "/api/v1/auth/universal-auth/login", null,
                "{\"clientId\":\"x\",\"clientSecret\":\"y\"}", "text/plain", Map.of());
        assertThat(text.status()).isEqualTo(401);
        assertThat(text.json().at("/message/0/message").asText()).isEqualTo("Expected object, received string");

        Http.Res malformed = http.send("POST", "/api/v1/auth/universal-auth/login", null, "{not json",
                "application/json", Map.of());
        assertThat(malformed.status()).isEqualTo(500);
        assertThat(malformed.text()).isEqualTo(
                "{\"statusCode\":500,\"message\":\"Something went wrong\",\"error\":\"InternalServerError\"}");
    }

    @Test
    void clientSecretLimits() {
        UniversalAuthCredentials ttl = fx.project.createUniversalAuthIdentity("ttl1", Role.ADMIN, Duration.ofHours(1),
                Duration.ofHours(2), UniversalAuthLimits.NONE.withClientSecretTtl(Duration.ofSeconds(1)));
        fake.clock().advance(Duration.ofSeconds(2));
        Http.Res expired = login(Map.of("clientId", ttl.clientId(), "clientSecret", ttl.clientSecret()));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.message()).isEqualTo("Access denied due to expired client secret");
        assertThat(expired.error()).isEqualTo("UnauthorizedError");

        UniversalAuthCredentials once = fx.project.createUniversalAuthIdentity("1use", Role.ADMIN, Duration.ofHours(1),
                Duration.ofHours(2), UniversalAuthLimits.NONE.withClientSecretUsesLimit(1));
        Map<String, String> body = Map.of("clientId", once.clientId(), "clientSecret", once.clientSecret());
        assertThat(login(body).status()).isEqualTo(200);
        Http.Res used = login(body);
        assertThat(used.status()).isEqualTo(401);
        assertThat(used.message()).isEqualTo("Access denied due to client secret usage limit reached");
    }

    @Test
    void accessTokenUsesLimit() {
        UniversalAuthCredentials oneUse = fx.project.createUniversalAuthIdentity("1use-token", Role.ADMIN,
                Duration.ofHours(1), Duration.ofHours(2), UniversalAuthLimits.NONE.withAccessTokenUsesLimit(1));
        String token = http.login(oneUse);
        assertThat(listWith("Bearer " + token).status()).isEqualTo(200);
        Http.Res r = listWith("Bearer " + token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo("Unable to renew because access token number of uses limit reached");
        assertThat(r.error()).isEqualTo("UnauthorizedError");
    }

    // ------------------------------------------------------------------ §3 renew / revoke

    @Test
    void renewReturnsTheSameTokenString() {
        String token = fx.admin();
        Http.Res r = http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", token));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accessToken").asText()).isEqualTo(token);
        assertThat(r.json().get("expiresIn").asLong()).isEqualTo(7200);
        assertThat(r.json().get("accessTokenMaxTTL").asLong()).isEqualTo(86400);
    }

    @Test
    void renewErrors() {
        Http.Res garbage = http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", "garbage"));
        assertThat(garbage.status()).isEqualTo(403);
        assertThat(garbage.error()).isEqualTo("TokenError");
        assertThat(garbage.message()).isEqualTo(
                "The provided access token is malformed. Please use a valid token or generate a new one and try again.");

        String token = fx.admin();
        fake.clock().advance(Duration.ofHours(25)); // past max TTL = the JWT exp
        Http.Res expired = http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", token));
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.error()).isEqualTo("TokenError");
        assertThat(expired.message()).isEqualTo("Your token has expired. Please re-authenticate.");
    }

    @Test
    void revokedTokenIsUnknown() {
        String token = http.login(fx.uaAdmin);
        Http.Res r = http.json("POST", "/api/v1/auth/token/revoke", null, Map.of("accessToken", token));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"message\":\"Successfully revoked access token\"}");
        Http.Res use = listWith("Bearer " + token);
        assertThat(use.status()).isEqualTo(401);
        assertThat(use.message()).isEqualTo("No identity access token found");
        assertThat(use.error()).isEqualTo("UnauthorizedError");
    }

    @Test
    void pastTtlNotRenewedIs401OnceAndTheTokenIsDeleted() {
        UniversalAuthCredentials ttl2 = fx.project.createUniversalAuthIdentity("ttl2", Role.ADMIN,
                Duration.ofSeconds(2), Duration.ofSeconds(60));
        Http.Res login = login(Map.of("clientId", ttl2.clientId(), "clientSecret", ttl2.clientSecret()));
        assertThat(login.json().get("expiresIn").asLong()).isEqualTo(2);
        assertThat(login.json().get("accessTokenMaxTTL").asLong()).isEqualTo(60);
        String token = login.json().get("accessToken").asText();
        fake.clock().advance(Duration.ofSeconds(3));

        Http.Res first = listWith("Bearer " + token);
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.message()).isEqualTo("Failed to renew MI access token due to TTL expiration");
        assertThat(first.error()).isEqualTo("UnauthorizedError");

        Http.Res renew = http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", token));
        assertThat(renew.status()).isEqualTo(401);
        assertThat(renew.message()).isEqualTo("No identity access token found");
    }

    @Test
    void renewInsideTheTtlKeepsTheTokenAliveUntilMaxTtl() {
        UniversalAuthCredentials ttl2 = fx.project.createUniversalAuthIdentity("ttl2b", Role.ADMIN,
                Duration.ofSeconds(2), Duration.ofSeconds(60));
        String token = http.login(ttl2);
        fake.clock().advance(Duration.ofSeconds(1));
        assertThat(http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", token)).status())
                .isEqualTo(200);
        fake.clock().advance(Duration.ofMillis(1500)); // 2.5 s after login (past the first TTL), 1.5 s after the renew
        assertThat(listWith("Bearer " + token).status()).isEqualTo(200);

        fake.clock().advance(Duration.ofSeconds(60)); // past max TTL: the JWT check fails first → 403
        Http.Res r = listWith("Bearer " + token);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).isEqualTo("TokenError");
        assertThat(r.message()).isEqualTo("Your token has expired. Please re-authenticate.");
    }

    @Test
    void renewThatWouldRunPastMaxTtlIsRefused() {
        UniversalAuthCredentials ua = fx.project.createUniversalAuthIdentity("near-max", Role.ADMIN,
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        String token = http.login(ua);
        fake.clock().advance(Duration.ofSeconds(25));
        http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", token));
        fake.clock().advance(Duration.ofSeconds(25)); // 50 s: renewing for 30 s more would pass 60 s
        Http.Res r = http.json("POST", "/api/v1/auth/token/renew", null, Map.of("accessToken", token));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.message()).isEqualTo("Failed to renew MI access token past its Max TTL expiration");
    }

    // ------------------------------------------------------------------ §3 Authorization header parsing

    @ParameterizedTest(name = "[{0}] -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "GARBAGE           | 403 | The provided access token is malformed. Please use a valid token or generate a new one and try again.",
            "TAMPERED          | 403 | invalid signature",
            "NO_HEADER         | 401 | Token missing",
            "NO_SCHEME         | 403 | invalid token",
            "LOWER_CASE_BEARER | 200 | ",
            "TWO_SPACES        | 403 | invalid token",
            "EMPTY_BEARER      | 403 | jwt must be provided",
    })
    void authorizationHeaderIsReadFromCharacter7(String variant, int status, String message) {
        String token = fx.admin();
        String header = switch (variant) {
            case "GARBAGE" -> "Bearer garbage";
            case "TAMPERED" -> "Bearer " + token.substring(0, token.length() - 4)
                    + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
            case "NO_HEADER" -> null;
            case "NO_SCHEME" -> token;
            case "LOWER_CASE_BEARER" -> "bearer " + token;
            case "TWO_SPACES" -> "Bearer  " + token;
            case "EMPTY_BEARER" -> "Bearer ";
            default -> throw new IllegalArgumentException(variant);
        };
        Http.Res r = listWith(header);
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        if (status != 200) {
            assertThat(r.message()).isEqualTo(message);
            assertThat(r.error()).isEqualTo(status == 401 ? "UnauthorizedError" : "TokenError");
            assertThat(r.header("x-ratelimit-limit")).isNull();
        }
    }

    // ------------------------------------------------------------------ Kubernetes auth

    @Test
    void kubernetesLoginWithConfiguredJwt() {
        String identityId = fx.project.createKubernetesIdentity("k8s", "header.payload.sig", Role.VIEWER);
        Http.Res ok = http.json("POST", "/api/v1/auth/kubernetes-auth/login", null,
                Map.of("identityId", identityId, "jwt", "header.payload.sig"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("tokenType").asText()).isEqualTo("Bearer");
        String token = ok.json().get("accessToken").asText();
        assertThat(listWith("Bearer " + token).status()).isEqualTo(200);
        Http.Res write = http.json("POST", "/api/v3/secrets/raw/K8S_WRITE", token, fx.body("secretValue", "v"));
        assertThat(write.status()).isEqualTo(403); // viewer

        Http.Res wrongJwt = http.json("POST", "/api/v1/auth/kubernetes-auth/login", null,
                Map.of("identityId", identityId, "jwt", "other"));
        assertThat(wrongJwt.status()).isEqualTo(401);
        assertThat(wrongJwt.message()).isEqualTo("Kubernetes token not authenticated");

        Http.Res unknown = http.json("POST", "/api/v1/auth/kubernetes-auth/login", null,
                Map.of("identityId", fx.uaAdmin.identityId(), "jwt", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo(
                "Kubernetes auth method not found for identity, did you configure Kubernetes auth?");
    }
}
