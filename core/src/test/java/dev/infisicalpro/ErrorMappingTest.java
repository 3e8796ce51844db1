package dev.infisicalpro;

import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Every error answer a real server gave maps to a typed exception with a hint. */
class ErrorMappingTest extends WireSupport {

    private static final String LOGIN = "/api/v1/auth/universal-auth/login";
    private static final String LIST = "/api/v3/secrets/raw";

    private InfisicalClient noRetry() {
        return client(builder(Credentials.universalAuth(CLIENT_ID, CLIENT_SECRET)).retryPolicy(RetryPolicy.none()));
    }

    private void listFails(int status, String body) {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(status, body)));
    }

    private Throwable listError() {
        try (InfisicalClient c = noRetry()) {
            return org.assertj.core.api.Assertions.catchThrowable(
                    () -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()));
        }
    }

    @Test
    void invalidCredentialsIsAnAuthenticationErrorListingTheUsualCauses() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(401, error(401, "Invalid credentials", "UnauthorizedError"))));
        assertThat(listError()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("[POST /api/v1/auth/universal-auth/login -> 401]")
                .hasMessageContaining("server said \"Invalid credentials\"")
                .hasMessageContaining("disabled").hasMessageContaining("expired").hasMessageContaining("host-api")
                .asInstanceOf(type(AuthenticationException.class))
                .satisfies(e -> {
                    assertThat(e.status()).hasValue(401);
                    assertThat(e.request()).hasValue(new FailedRequest("POST", "/api/v1/auth/universal-auth/login",
                            401, "Invalid credentials"));
                    assertThat(e.hint()).isPresent();
                });
    }

    @Test
    void expiredAndUsedUpClientSecretsSayWhatHappened() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(401,
                error(401, "Access denied due to expired client secret", "UnauthorizedError"))));
        assertThat(listError()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("create a new client secret");
    }

    @Test
    void unknownClientIdIs404ButAnAuthenticationErrorAboutTheClientId() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(404,
                error(404, "No identity with specified client ID was found", "NotFound"))));
        assertThat(listError()).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("infisical.auth.client-id");
    }

    @Test
    void snakeCaseLoginValidationFailureIsAValidationErrorListingTheIssues() {
        wm.stubFor(post(urlPathEqualTo(LOGIN)).willReturn(json(401, "{\"statusCode\":401,\"message\":[{\"code\":"
                + "\"invalid_type\",\"expected\":\"string\",\"received\":\"undefined\",\"path\":[\"clientId\"],"
                + "\"message\":\"Required\"},{\"code\":\"invalid_type\",\"expected\":\"string\",\"received\":"
                + "\"undefined\",\"path\":[\"clientSecret\"],\"message\":\"Required\"}],\"error\":\"ValidationFailure\"}")));
        Throwable e = listError();
        assertThat(e).isInstanceOf(ValidationException.class).isNotInstanceOf(AuthenticationException.class)
                .hasMessageContaining("clientId: Required; clientSecret: Required")
                .hasMessageContaining("not an authentication problem");
    }

    @Test
    void unprocessableEntityOnNewerServersIsAValidationError() {
        listFails(422, "{\"reqId\":\"req-abcdefghijklmn\",\"statusCode\":422,\"message\":[{\"code\":\"custom\","
                + "\"path\":[\"secretName\"],\"message\":\"Secret name cannot contain colon or forward slash.\"}],"
                + "\"error\":\"ValidationFailure\"}");
        assertThat(listError()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("secretName: Secret name cannot contain colon or forward slash.");
    }

    @Test
    void permissionDeniedIsNotATokenError() {
        listFails(403, error(403, "You are not allowed to read on secrets", "PermissionDenied"));
        assertThat(listError()).isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("You are not allowed to read on secrets").hasMessageContaining("role");
        assertThat(count("POST", LOGIN)).isEqualTo(1); // no re-login for a permission problem
    }

    @Test
    void deletedServiceTokenIsAnAuthenticationError() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(json(404,
                error(404, "Service token with ID '" + ST_ID + "' not found", "NotFound"))));
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("deleted or has expired");
        }
    }

    @Test
    void expiredServiceTokenIsAnAuthenticationError() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(json(403,
                error(403, "Service token has expired", "ForbiddenError"))));
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("new service token");
        }
    }

    @Test
    void writingIntoAMissingFolderSaysCreateItFirst() {
        stubLogin(ACCESS_TOKEN);
        String body = "{\"statusCode\":404,\"message\":\"Folder with path '/no/such/folder' in environment with "
                + "slug 'dev' not found\",\"error\":\"CreateSecret\"}";
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/NOPE_KEY")).willReturn(json(404, body)));
        wm.stubFor(patch(urlPathEqualTo("/api/v3/secrets/raw/NOPE_KEY")).willReturn(json(404, body)));
        wm.stubFor(delete(urlPathEqualTo("/api/v3/secrets/raw/NOPE_KEY")).willReturn(json(404, body)));
        try (InfisicalClient c = noRetry()) {
            Scope s = scope("dev", "/no/such/folder");
            assertThatThrownBy(() -> c.secrets().create(s, NewSecret.of("NOPE_KEY", "v")))
                    .isInstanceOf(FolderNotFoundException.class)
                    .hasMessageContaining("client.folders().ensure")
                    .hasMessageContaining("WriteOptions.CREATE_MISSING_FOLDERS");
            assertThatThrownBy(() -> c.secrets().update(s, "NOPE_KEY", SecretUpdate.value("v")))
                    .isInstanceOf(FolderNotFoundException.class);
            assertThatThrownBy(() -> c.secrets().delete(s, "NOPE_KEY"))
                    .isInstanceOf(FolderNotFoundException.class);
        }
    }

    @Test
    void writingAShortValueThatTheServerMessageAlsoContainsStillGivesFolderNotFound() {
        // the value "path" occurs in "Folder with path ...": classification reads the server's own words,
        // and values this short are not masked in the shown text either (review S4)
        stubLogin(ACCESS_TOKEN);
        String body = "{\"statusCode\":404,\"message\":\"Folder with path '/no/such/folder' in environment with "
                + "slug 'dev' not found\",\"error\":\"CreateSecret\"}";
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/NOPE_KEY")).willReturn(json(404, body)));
        try (InfisicalClient c = noRetry()) {
            Scope s = scope("dev", "/no/such/folder");
            assertThatThrownBy(() -> c.secrets().create(s, NewSecret.of("NOPE_KEY", "path")))
                    .isInstanceOf(FolderNotFoundException.class).hasMessageContaining("Folder with path '/no/such/folder'");
            // a long value is masked in the text shown, but the type still comes from the unmasked text
            assertThatThrownBy(() -> c.secrets().create(s, NewSecret.of("NOPE_KEY", "Folder with path")))
                    .isInstanceOf(FolderNotFoundException.class).hasMessageContaining("*** '/no/such/folder'");
        }
    }

    @Test
    void missingFolderOnNewerServersListIsAFolderNotFound() {
        listFails(404, "{\"statusCode\":404,\"message\":\"Folder with path '/nope' in environment 'dev' was not found. "
                + "Please ensure the environment slug and secret path is correct.\",\"error\":\"SecretPathNotFound\"}");
        assertThat(listError()).isInstanceOf(FolderNotFoundException.class);
    }

    @Test
    void duplicateCreateIsAConflict() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/ROOT_KEY")).willReturn(json(400,
                error(400, "Secret already exist", "BadRequest"))));
        try (InfisicalClient c = noRetry()) {
            assertThatThrownBy(() -> c.secrets().create(scope("dev", "/"), NewSecret.of("ROOT_KEY", "v")))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("Secret already exist");
        }
    }

    @Test
    void updateOfAMissingSecretIsSecretNotFound() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(patch(urlPathEqualTo("/api/v3/secrets/raw/NOT_THERE")).willReturn(json(404,
                error(404, "Secret with name NOT_THERE not found", "NotFound"))));
        try (InfisicalClient c = noRetry()) {
            assertThatThrownBy(() -> c.secrets().update(scope("dev", "/"), "NOT_THERE", SecretUpdate.value("x")))
                    .isInstanceOf(SecretNotFoundException.class);
        }
    }

    @Test
    void routeNotFoundPointsAtTheApiRoot() {
        listFails(404, "{\"message\":\"Route GET:/api/v3/secrets/raw not found\",\"error\":\"Not Found\",\"statusCode\":404}");
        assertThat(listError()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("infisical.host-api").hasMessageContaining("/api");
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(429, error(429,
                "Rate limit exceeded. Please try again in 1 minute", "RateLimitExceeded")).withHeader("retry-after", "60")));
        Throwable e = listError();
        assertThat(e).isInstanceOf(RateLimitException.class).hasMessageContaining("Rate limit exceeded");
        assertThat(((RateLimitException) e).retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void serverErrorIsATransportFailureWithTheStatus() {
        listFails(500, "{\"statusCode\":500,\"message\":\"Something went wrong\",\"error\":\"InternalServerError\"}");
        Throwable e = listError();
        assertThat(e).isInstanceOf(TransportException.class).hasMessageContaining("Something went wrong");
        assertThat(((InfisicalException) e).status()).hasValue(500);
    }

    @Test
    void malformedJsonIsATransportErrorNamingTheHost() {
        listFails(200, "{\"secrets\":[{\"secretKey\":\"A\",\"secretValue\":\"CANARY-VALUE");
        assertThat(listError()).isInstanceOf(TransportException.class)
                .hasMessageContaining("127.0.0.1:" + wm.port()).hasMessageNotContaining("CANARY");
    }

    @Test
    void connectionRefusedIsATransportErrorNamingTheHost() {
        int port = wm.port();
        wm.stop();
        try (InfisicalClient c = client(InfisicalClient.builder().host("http://127.0.0.1:" + port)
                .credentials(Credentials.accessToken(ACCESS_TOKEN)).retryPolicy(RetryPolicy.none()))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(TransportException.class).hasMessageContaining("127.0.0.1:" + port);
        }
    }

    @Test
    void droppedConnectionIsATransportError() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(listError()).isInstanceOf(TransportException.class);
    }

    @Test
    void responseOverTheSizeLimitIsATransportErrorWithoutBufferingIt() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("BIG", "x".repeat(20_000), "dev", "/")))));
        try (InfisicalClient c = client(builder(Credentials.universalAuth(CLIENT_ID, CLIENT_SECRET))
                .maxResponseBytes(10_000))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(TransportException.class).hasMessageContaining("larger than 10000 bytes")
                    .hasMessageContaining("maxResponseBytes");
        }
    }
}
