package dev.infisicalpro;

import dev.infisicalpro.internal.ScopeGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The single-scope override and glob scopes. */
class ScopeTrapTest extends WireSupport {

    private static final String LIST = "/api/v3/secrets/raw";
    /** What OCT24 answers a dev:/ token whatever is asked, as captured from a real server. */
    private static final String ROOT_ANSWER = listing(item("ROOT_KEY", "root-value", "dev", "/"),
            item("SHARED", "from-root", "dev", "/"));

    private void token(String... scopes) {
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(json(200, describe(scopes))));
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, ROOT_ANSWER)));
    }

    @Test
    void singleNonGlobScopeRefusesOtherPathBeforeSending() {
        token("dev:/");
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/app"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class)
                    .hasMessageContaining("dev:/")          // the token's scope
                    .hasMessageContaining("dev:/app")       // what was asked
                    .hasMessageContaining("dev:/**")        // the fix
                    .hasMessageContaining("dev:/app/**");
        }
        assertThat(count("GET", LIST)).isZero();
    }

    @Test
    void singleNonGlobScopeRefusesOtherEnvironmentBeforeSending() {
        token("dev:/");
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("staging", "/"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class).hasMessageContaining("staging:/");
        }
        assertThat(count("GET", LIST)).isZero();
    }

    @Test
    void singleNonGlobScopeRefusesRecursiveReadsBecauseTheyNeverDescend() {
        token("dev:/");
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()
                    .withRecursive(true))).isInstanceOf(ScopeMismatchException.class)
                    .hasMessageContaining("recursive").hasMessageContaining("/**");
        }
        assertThat(count("GET", LIST)).isZero();
    }

    @Test
    void singleNonGlobScopeReadsItsOwnFolder() {
        token("dev:/");
        try (InfisicalClient c = stClient()) {
            assertThat(c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()).secrets()).hasSize(2);
        }
    }

    @Test
    void getOfAKeyOutsideTheSingleScopeIsRefusedNotAnsweredFromTheRoot() {
        token("dev:/");
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().get(Scope.ofToken("dev", "/app"), "ROOT_KEY"))
                    .isInstanceOf(ScopeMismatchException.class);
        }
        assertThat(count("GET", LIST)).isZero();
    }

    @Test
    void singleScopeTokenRefusesAnotherProjectBeforeSending() {
        token("dev:/");
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.of(ProjectRef.id("other-project"), "dev", "/"),
                    ListOptions.defaults())).isInstanceOf(ScopeMismatchException.class)
                    .hasMessageContaining(PROJECT).hasMessageContaining("other-project");
            c.secrets().list(scope("dev", "/"), ListOptions.defaults()); // its own project by id is fine
        }
        assertThat(count("GET", LIST)).isEqualTo(1);
    }

    @Test
    void globScopeRefusesAnotherEnvironmentBeforeSending() {
        token("dev:/**");
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("staging", "/"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class).hasMessageContaining("dev:/**");
        }
        assertThat(count("GET", LIST)).isZero();
    }

    @Test
    void subtreeGlobRefusesThePathAboveIt() {
        token("dev:/app/**");
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("APP_KEY", "a", "dev", "/app")))));
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class);
            assertThat(c.secrets().list(Scope.ofToken("dev", "/app"), ListOptions.defaults()).secrets()).hasSize(1);
        }
        assertThat(count("GET", LIST)).isEqualTo(1);
    }

    @Test
    void multiScopeTokenNeedsAnExactMatchForNonGlobScopes() {
        token("dev:/", "staging:/");
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/app"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class);
            c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", LIST)).isEqualTo(1);
    }

    @Test
    void recursiveReadIsRefusedUnlessAScopeCoversEverySubFolder() {
        token("dev:/", "staging:/**");
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("S", "s", "staging", "/a")))));
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()
                    .withRecursive(true))).isInstanceOf(ScopeMismatchException.class).hasMessageContaining("recursive");
            c.secrets().list(Scope.ofToken("staging", "/"), ListOptions.defaults().withRecursive(true));
        }
        assertThat(count("GET", LIST)).isEqualTo(1);
    }

    @Test
    void answerFromAnotherFolderIsNeverReturnedAsTheAskedFolder() {
        // describe unavailable (route missing on this server): the check after the answer still holds
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(json(404,
                "{\"message\":\"Route GET:/api/v2/service-token not found\",\"error\":\"Not Found\",\"statusCode\":404}")));
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, ROOT_ANSWER)));
        try (InfisicalClient c = client(builder(Credentials.serviceToken(SERVICE_TOKEN)))) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/app"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class)
                    .hasMessageContaining("dev:/app").hasMessageContaining("dev:/");
        }
    }

    @Test
    void answerFromAnotherEnvironmentIsRefusedForIdentitiesToo() {
        stubLogin(ACCESS_TOKEN);
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("K", "v", "staging", "/")))));
        try (InfisicalClient c = uaClient()) {
            assertThatThrownBy(() -> c.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class);
        }
    }

    @Test
    void recursiveAnswerMayContainSubFoldersOfTheAskedPath() {
        token("dev:/**");
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, listing(item("APP_KEY", "a", "dev", "/app"),
                item("SUB_KEY", "s", "dev", "/app/sub")))));
        try (InfisicalClient c = stClient()) {
            SecretListing l = c.secrets().list(Scope.ofToken("dev", "/app"), ListOptions.defaults().withRecursive(true));
            assertThat(l.secrets()).extracting(s -> s.path().value()).containsExactly("/app", "/app/sub");
        }
    }

    @Test
    void writesAreNotCheckedClientSideButTheir403CarriesATokenHint() {
        token("dev:/");
        wm.stubFor(post(urlPathEqualTo("/api/v3/secrets/raw/ST_WRITE_APP")).willReturn(json(403,
                error(403, "You are not allowed to create on secrets", "PermissionDenied"))));
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().create(Scope.ofToken("dev", "/app"), NewSecret.of("ST_WRITE_APP", "v")))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("You are not allowed to create on secrets")
                    .hasMessageContaining("scope");
        }
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "/, /, true", "/, /app, false",
            "/**, /, true", "/**, /app, true", "/**, /app/x, true", "/**, /app/x/y, true", "/**, /application, true",
            "/*, /, false", "/*, /app, true", "/*, /app/x, false", "/*, /application, true",
            "/app, /, false", "/app, /app, true", "/app, /app/x, false",
            "/app/**, /, false", "/app/**, /app, true", "/app/**, /app/x, true", "/app/**, /app/x/y, true",
            "/app/**, /application, false",
            "/app/*, /app, false", "/app/*, /app/x, true", "/app/*, /app/x/y, false",
            "/app*, /app, true", "/app*, /app/x, false", "/app*, /application, true",
            "**, /, true", "**, /app/x/y, true"
    })
    void globMatchingFollowsPicomatchTruthTable(String glob, String path, boolean expected) {
        assertThat(ScopeGuard.matches(glob, path)).isEqualTo(expected);
    }

    @Test
    void transientDescribeFailureIsNotRememberedAndTheNextCallChecksScopeBeforeSending() {
        // 503 on every attempt of the first call (3 attempts), then the route answers normally
        String describePath = "/api/v2/service-token";
        for (int i = 0; i < 3; i++) {
            wm.stubFor(get(urlPathEqualTo(describePath)).inScenario("describe")
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "s" + i)
                    .willSetStateTo("s" + (i + 1))
                    .willReturn(json(503, error(503, "Service Unavailable", "Service Unavailable"))));
        }
        wm.stubFor(get(urlPathEqualTo(describePath)).inScenario("describe").whenScenarioStateIs("s3")
                .willReturn(json(200, describe("dev:/"))));
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, ROOT_ANSWER)));
        try (InfisicalClient c = stClient()) {
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()))
                    .isInstanceOf(TransportException.class);
            assertThat(count("GET", LIST)).isZero();
            // the scope check now applies before sending
            assertThatThrownBy(() -> c.secrets().list(Scope.ofToken("dev", "/app"), ListOptions.defaults()))
                    .isInstanceOf(ScopeMismatchException.class);
            assertThat(count("GET", LIST)).isZero();
            // and fromToken() reads and writes learn the project
            assertThat(c.secrets().list(Scope.ofToken("dev", "/"), ListOptions.defaults()).secrets()).hasSize(2);
            assertThat(c.serviceTokenInfo()).isPresent();
        }
        assertThat(count("GET", describePath)).isEqualTo(4);
        assertThat(count("GET", LIST)).isEqualTo(1);
    }

    @Test
    void describeRouteMissingIsRememberedAndAskedOnlyOnce() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(json(404,
                "{\"message\":\"Route GET:/api/v2/service-token not found\",\"error\":\"Not Found\",\"statusCode\":404}")));
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, ROOT_ANSWER)));
        try (InfisicalClient c = stClient()) {
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
            assertThat(c.serviceTokenInfo()).isEmpty();
        }
        assertThat(count("GET", "/api/v2/service-token")).isEqualTo(1);
    }

    @Test
    void describeAnsweredWithABareProxy404IsRememberedAsUnsupported() {
        wm.stubFor(get(urlPathEqualTo("/api/v2/service-token")).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404).withBody("<html>404</html>")));
        wm.stubFor(get(urlPathEqualTo(LIST)).willReturn(json(200, ROOT_ANSWER)));
        try (InfisicalClient c = stClient()) {
            assertThat(c.secrets().list(scope("dev", "/"), ListOptions.defaults()).secrets()).hasSize(2);
            c.secrets().list(scope("dev", "/"), ListOptions.defaults());
        }
        assertThat(count("GET", "/api/v2/service-token")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} is a glob: {1}")
    @CsvSource({"/app/**, true", "/a?, true", "/[ab], true", "'/{a,b}', true", "/@(a), true", "/!(a), true",
            "/app, false", "/a]b, false", "/a}b, false", "/a)b, false", "/, false"})
    void globCharactersAreThoseTheServerTreatsAsGlobs(String path, boolean glob) {
        assertThat(new TokenScope("dev", path).isGlob()).isEqualTo(glob);
    }
}
