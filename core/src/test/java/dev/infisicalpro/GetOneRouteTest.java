package dev.infisicalpro;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.RecordedRequest;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A one-off {@code get}/{@code find} (cache off) reads one secret through the get-one route where its
 * answer is unambiguous, and answers exactly as the folder's listing would everywhere else (imports,
 * references, provenance, trimmed keys), on both server generations.
 */
class GetOneRouteTest {

    private static final String LIST = "/api/v3/secrets/raw";

    private FakeInfisical fake;
    private FakeProject project;
    private InfisicalClient client;

    private void start(Generation generation) {
        fake = FakeInfisical.builder().generation(generation).build().start();
        project = fake.createProject("demo");
        project.createFolder("dev", "/app");
        project.createFolder("staging", "/shared");
        project.putSecret("dev", "/app", "APP_KEY", "app-value");
        project.putSecret("dev", "/app", "SHADOWED", "own-value");
        project.putSecret("dev", "/app", "REF_LOCAL", "${APP_KEY}-suffix");
        project.putSecret("dev", "/app", "REF_UNKNOWN_FOLDER", "x-${dev.nofolder.KEY}-y");
        project.putSecret("staging", "/shared", "SHADOWED", "imported-value");
        project.putSecret("staging", "/shared", "ONLY_IMPORTED", "imported-only");
        project.addImport("dev", "/app", "staging", "/shared");
        client = FakeClients.admin(fake, project, "app");
    }

    private Scope app() {
        return Scope.of(ProjectRef.id(project.id()), "dev", "/app");
    }

    private int lists() {
        return fake.journal().count("GET", LIST);
    }

    private int getOnes(String key) {
        return fake.journal().count("GET", LIST + "/" + key);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void anOwnSecretIsOneGetOfThatSecretNotAListOfTheFolder(Generation g) {
        start(g);
        Secret s = client.secrets().get(app(), "APP_KEY");
        assertThat(s.value()).isEqualTo("app-value");
        assertThat(s.source()).isEqualTo(new Provenance("dev", SecretPath.of("/app"), false));
        assertThat(s.version()).isEqualTo(1);
        assertThat(getOnes("APP_KEY")).isEqualTo(1);
        assertThat(lists()).isZero();
        RecordedRequest sent = fake.journal().last();
        // stored value only: no imports, no expansion (a reference goes to the listing instead)
        assertThat(sent.queryParam("include_imports")).contains("false");
        assertThat(sent.queryParam("expandSecretReferences")).contains("false");
        assertThat(sent.queryParam("secretPath")).contains("/app");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void theFolderOwnValueWinsOverAnImportAsInTheListing(Generation g) {
        start(g);
        Secret s = client.secrets().get(app(), "SHADOWED");
        assertThat(s.value()).isEqualTo("own-value");
        assertThat(s.source().imported()).isFalse();
        assertThat(s).isEqualTo(client.secrets().list(app(), ListOptions.defaults()).effective().get("SHADOWED"));
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void anImportedValueComesFromTheListingWithItsExactProvenance(Generation g) {
        start(g);
        Secret s = client.secrets().get(app(), "ONLY_IMPORTED");
        assertThat(s.value()).isEqualTo("imported-only");
        assertThat(s.source()).isEqualTo(new Provenance("staging", SecretPath.of("/shared"), true));
        assertThat(lists()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void referencesAreExpandedAsTheListingExpandsThemAndAnUnknownFolderIsNoServerError(Generation g) {
        start(g);
        assertThat(client.secrets().get(app(), "REF_LOCAL").value()).isEqualTo("app-value-suffix");
        // OCT24's get-one answers 500 here; the listing keeps the raw value, and so does get
        assertThat(client.secrets().get(app(), "REF_UNKNOWN_FOLDER").value())
                .isEqualTo(client.secrets().list(app(), ListOptions.defaults()).effective().get("REF_UNKNOWN_FOLDER")
                        .value());
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void anAbsentKeyIsNotFoundAfterTheImportsWereSearched(Generation g) {
        start(g);
        assertThat(client.secrets().find(app(), "NOPE")).isEmpty();
        assertThatThrownBy(() -> client.secrets().get(app(), "NOPE")).isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("NOPE").hasMessageContaining("dev:/app");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aPaddedKeyIsNotTheTrimmedOneTheServerWouldAnswer(Generation g) {
        start(g);
        // refused before sending, like every other operation and live views (issue 10: Infisical trims keys)
        assertThatThrownBy(() -> client.secrets().find(app(), " APP_KEY ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("whitespace");
        assertThat(getOnes("APP_KEY")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aSingleScopeServiceTokenReadsItsOwnFolderThroughGetOneAndIsRefusedElsewhereBeforeSending(Generation g) {
        start(g);
        ServiceTokenCredentials st = project.createServiceToken("app-only", List.of(TokenScope.of("dev", "/app")),
                EnumSet.of(Permission.READ));
        try (InfisicalClient c = InfisicalClient.builder().host(fake.url())
                .credentials(Credentials.serviceToken(st.token())).build()) {
            assertThat(c.secrets().get(Scope.ofToken("dev", "/app"), "APP_KEY").value()).isEqualTo("app-value");
            assertThat(getOnes("APP_KEY")).isEqualTo(1);
            int before = fake.journal().requests().size();
            assertThatThrownBy(() -> c.secrets().get(Scope.ofToken("dev", "/"), "APP_KEY"))
                    .isInstanceOf(ScopeMismatchException.class);
            assertThat(fake.journal().requests()).hasSize(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void withTheCacheOnAnUnchangedFolderIsRevalidatedByOneConditionalRequest(Generation g) {
        start(g);
        try (InfisicalClient cached = InfisicalClient.builder().host(fake.url()).clock(fake.clock())
                .credentials(Credentials.universalAuth(identity().clientId(), identity().clientSecret()))
                .responseCacheTtl(Duration.ofSeconds(30)).build()) {
            assertThat(cached.secrets().get(app(), "APP_KEY").value()).isEqualTo("app-value");
            assertThat(cached.secrets().get(app(), "ONLY_IMPORTED").value()).isEqualTo("imported-only");
            assertThat(lists()).isEqualTo(1);
            String etag = fake.journal().requests("GET", LIST).get(0).header("If-None-Match").orElse("");
            assertThat(etag).isEmpty();

            fake.clock().advance(Duration.ofSeconds(31));
            assertThat(cached.secrets().get(app(), "APP_KEY").value()).isEqualTo("app-value");
            assertThat(lists()).isEqualTo(2);
            assertThat(fake.journal().last().header("If-None-Match")).isPresent();
            assertThat(cached.secrets().get(app(), "SHADOWED").value()).isEqualTo("own-value");
            assertThat(lists()).as("a 304 makes the entry good for another TTL").isEqualTo(2);

            project.putSecret("dev", "/app", "APP_KEY", "rotated");
            fake.clock().advance(Duration.ofSeconds(31));
            assertThat(cached.secrets().get(app(), "APP_KEY").value()).isEqualTo("rotated");
            assertThat(lists()).isEqualTo(3);
        }
    }

    private dev.infisicalpro.testkit.UniversalAuthCredentials identity;

    private dev.infisicalpro.testkit.UniversalAuthCredentials identity() {
        if (identity == null) {
            identity = project.createUniversalAuthIdentity("cached", Role.ADMIN, Duration.ofHours(2),
                    Duration.ofHours(24));
        }
        return identity;
    }
}
