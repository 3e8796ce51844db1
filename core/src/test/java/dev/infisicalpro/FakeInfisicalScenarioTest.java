package dev.infisicalpro;

import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End-to-end scenarios against the testkit's in-memory Infisical, on both server generations. */
class FakeInfisicalScenarioTest {

    private FakeInfisical fake;
    private FakeProject project;
    private InfisicalClient client;

    private void start(Generation generation) {
        fake = FakeInfisical.builder().generation(generation).build().start();
        project = fake.createProject("demo");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/", "ROOT_KEY", "root-value");
        project.putSecret("dev", "/app", "APP_KEY", "app-value");
    }

    private InfisicalClient ua(Role role, Duration ttl, Duration maxTtl) {
        client = FakeClients.universalAuth(fake, project, "app", role, ttl, maxTtl);
        return client;
    }

    private InfisicalClient ua() {
        return ua(Role.ADMIN, Duration.ofHours(2), Duration.ofHours(24));
    }

    private InfisicalClient st(String env, String path) {
        ServiceTokenCredentials st = project.createServiceToken("ci",
                List.of(dev.infisicalpro.testkit.TokenScope.of(env, path)), EnumSet.of(Permission.READ, Permission.WRITE));
        client = InfisicalClient.builder().host(fake.apiUrl()).credentials(Credentials.serviceToken(st.token())).build();
        return client;
    }

    private Scope scope(String env, String path) {
        return Scope.of(ProjectRef.id(project.id()), env, path);
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
    void secretLifecycleRoundTripsOnEveryGeneration(Generation g) {
        start(g);
        Secrets secrets = ua().secrets();
        Scope app = scope("dev", "/app");
        secrets.create(app, NewSecret.of("DB_PASSWORD", "s3cret").withComment("primary"));
        assertThat(secrets.get(app, "DB_PASSWORD").value()).isEqualTo("s3cret");
        assertThat(secrets.get(app, "DB_PASSWORD").comment()).isEqualTo("primary");

        Secret updated = secrets.update(app, "DB_PASSWORD", SecretUpdate.value("n3w"));
        assertThat(updated.version()).isEqualTo(2);
        secrets.update(app, "DB_PASSWORD", SecretUpdate.rename("DB_PASS"));
        assertThat(project.secretValue("dev", "/app", "DB_PASS")).hasValue("n3w");
        secrets.update(app, "DB_PASS", SecretUpdate.comment("rotated"));
        assertThat(secrets.get(app, "DB_PASS").comment()).isEqualTo("rotated");
        assertThat(secrets.get(app, "DB_PASS").value()).isEqualTo("n3w");

        secrets.delete(app, "DB_PASS");
        assertThat(secrets.find(app, "DB_PASS")).isEmpty();
        assertThat(project.secretValue("dev", "/app", "DB_PASS")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void renameKeepsAReferenceUnexpanded(Generation g) {
        start(g);
        project.putSecret("dev", "/", "REF_LOCAL", "${ROOT_KEY}-suffix");
        Secrets secrets = ua().secrets();
        assertThat(secrets.get(scope("dev", "/"), "REF_LOCAL").value()).isEqualTo("root-value-suffix");
        secrets.update(scope("dev", "/"), "REF_LOCAL", SecretUpdate.rename("REF_RENAMED"));
        assertThat(project.secretValue("dev", "/", "REF_RENAMED")).hasValue("${ROOT_KEY}-suffix");
    }

    @Test
    void unusualKeysRoundTripThroughTheUrl() {
        start(Generation.OCT24);
        Secrets secrets = ua().secrets();
        Scope s = scope("dev", "/app");
        for (String key : List.of("HAS SPACE", "dollar$key", "ключ", "KEY_🔑", "slash/key", "dotted.key", "K".repeat(100))) {
            secrets.create(s, NewSecret.of(key, "v-" + key.length()));
            assertThat(secrets.get(s, key).value()).isEqualTo("v-" + key.length());
            secrets.update(s, key, SecretUpdate.value("w"));
            assertThat(project.secretValue("dev", "/app", key)).hasValue("w");
            secrets.delete(s, key);
            assertThat(project.secretValue("dev", "/app", key)).isEmpty();
        }
    }

    @Test
    void keysLongerThan100CharactersWorkThroughTheBatchRoute() {
        start(Generation.OCT24);
        Secrets secrets = ua().secrets();
        Scope s = scope("dev", "/app");
        String key = "L".repeat(300);
        secrets.create(s, NewSecret.of(key, "long"));
        assertThat(project.secretValue("dev", "/app", key)).hasValue("long");
        secrets.update(s, key, SecretUpdate.value("longer"));
        assertThat(project.secretValue("dev", "/app", key)).hasValue("longer");
        secrets.delete(s, key);
        assertThat(project.secretValue("dev", "/app", key)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void ensureCreatesParentsAndIsIdempotentOnEveryGeneration(Generation g) {
        start(g);
        Folders folders = ua().folders();
        folders.ensure(scope("dev", "/apps/billing/eu"));
        folders.ensure(scope("dev", "/apps/billing/eu"));
        folders.create(scope("dev", "/apps"), FolderOptions.defaults());
        assertThat(project.folderExists("dev", "/apps/billing/eu")).isTrue();
        assertThat(folders.list(scope("dev", "/apps"))).extracting(Folder::name).containsExactly("billing");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void writingIntoAMissingFolderFailsWithTheFixOrCreatesItWhenAsked(Generation g) {
        start(g);
        Secrets secrets = ua().secrets();
        Scope missing = scope("dev", "/no/such/folder");
        assertThatThrownBy(() -> secrets.create(missing, NewSecret.of("K", "v")))
                .isInstanceOf(FolderNotFoundException.class)
                .hasMessageContaining("WriteOptions.CREATE_MISSING_FOLDERS");
        secrets.create(missing, NewSecret.of("K", "v"), WriteOptions.CREATE_MISSING_FOLDERS);
        assertThat(project.secretValue("dev", "/no/such/folder", "K")).hasValue("v");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void folderRenameAndDelete(Generation g) {
        start(g);
        Folders folders = ua().folders();
        folders.ensure(scope("dev", "/old"));
        folders.rename(scope("dev", "/old"), "new");
        assertThat(project.folderExists("dev", "/new")).isTrue();
        assertThat(project.folderExists("dev", "/old")).isFalse();
        folders.delete(scope("dev", "/new"));
        assertThat(project.folderExists("dev", "/new")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void importsResolveLastImportWinsWithProvenance(Generation g) {
        start(g);
        project.createFolder("staging", "/app");
        project.putSecret("staging", "/app", "SHARED", "from-staging-app");
        project.putSecret("staging", "/", "SHARED", "from-staging-root");
        project.addImport("dev", "/app", "staging", "/app");
        project.addImport("dev", "/app", "staging", "/");
        Map<String, Secret> eff = ua().secrets().list(scope("dev", "/app"), ListOptions.defaults()).effective();
        assertThat(eff.get("SHARED").value()).isEqualTo("from-staging-root");
        assertThat(eff.get("SHARED").source()).isEqualTo(new Provenance("staging", SecretPath.ROOT, true));
        assertThat(eff.get("APP_KEY").source().imported()).isFalse();
    }

    @Test
    void firstListWithUniversalAuthCostsTwoRequestsThenOne() {
        start(Generation.OCT24);
        Secrets secrets = ua().secrets();
        secrets.list(scope("dev", "/"), ListOptions.defaults());
        assertThat(fake.journal().requests()).hasSize(2);
        secrets.list(scope("dev", "/"), ListOptions.defaults());
        assertThat(fake.journal().requests()).hasSize(3);
    }

    @Test
    void firstListWithAServiceTokenCostsDescribePlusListThenOne() {
        start(Generation.OCT24);
        Secrets secrets = st("dev", "/**").secrets();
        secrets.list(Scope.ofToken("dev", "/app"), ListOptions.defaults());
        assertThat(fake.journal().requests()).hasSize(2);
        secrets.list(Scope.ofToken("dev", "/app"), ListOptions.defaults());
        assertThat(fake.journal().requests()).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void rootScopedServiceTokenIsRefusedForASubFolderInsteadOfReturningRootSecrets(Generation g) {
        start(g);
        Secrets secrets = st("dev", "/").secrets();
        assertThatThrownBy(() -> secrets.list(Scope.ofToken("dev", "/app"), ListOptions.defaults()))
                .isInstanceOf(ScopeMismatchException.class).hasMessageContaining("dev:/**");
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isZero();
        assertThat(secrets.get(Scope.ofToken("dev", "/"), "ROOT_KEY").value()).isEqualTo("root-value");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void globScopedServiceTokenReadsSubFoldersAndRecursively(Generation g) {
        start(g);
        project.createFolder("dev", "/app/sub");
        project.putSecret("dev", "/app/sub", "SUB_KEY", "sub-value");
        Secrets secrets = st("dev", "/**").secrets();
        assertThat(secrets.get(Scope.ofToken("dev", "/app"), "APP_KEY").value()).isEqualTo("app-value");
        SecretListing all = secrets.list(Scope.ofToken("dev", "/"), ListOptions.defaults().withRecursive(true));
        assertThat(all.secrets()).extracting(Secret::key).contains("ROOT_KEY", "APP_KEY", "SUB_KEY");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void serviceTokenWriteOutsideItsScopeIsPermissionDeniedWithAHint(Generation g) {
        start(g);
        Secrets secrets = st("dev", "/").secrets();
        assertThatThrownBy(() -> secrets.create(Scope.ofToken("dev", "/app"), NewSecret.of("X", "v")))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("scope");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void projectSlugWorksForReadsAndWrites(Generation g) {
        start(g);
        Secrets secrets = ua().secrets();
        Scope bySlug = Scope.of(ProjectRef.slug(project.slug()), "dev", "/app");
        assertThat(secrets.get(bySlug, "APP_KEY").value()).isEqualTo("app-value");
        secrets.create(bySlug, NewSecret.of("NEW", "n"));
        assertThat(project.secretValue("dev", "/app", "NEW")).hasValue("n");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void tokenIsRenewedBeforeItsTtlAndReplacedBeforeItsMaxTtl(Generation g) {
        start(g);
        Secrets secrets = ua(Role.ADMIN, Duration.ofHours(1), Duration.ofHours(3)).secrets();
        for (int i = 0; i < 12; i++) { // 12 × 55 min = 11 h: well past max TTL several times
            secrets.list(scope("dev", "/"), ListOptions.defaults());
            fake.clock().advance(Duration.ofMinutes(55));
        }
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isEqualTo(12);
        assertThat(fake.journal().count("POST", "/api/v1/auth/token/renew")).isPositive();
        assertThat(fake.journal().count("POST", "/api/v1/auth/universal-auth/login")).isBetween(4, 6);
    }

    @Test
    void retriesThroughInjectedServerFaults() {
        start(Generation.OCT24);
        client = FakeClients.universalAuth(fake, project, "app", Role.ADMIN, Duration.ofHours(2), Duration.ofHours(24),
                b -> b.retrySleeper(d -> { }));
        Secrets secrets = client.secrets();
        String getOne = "/api/v3/secrets/raw/ROOT_KEY"; // the route a one-off get uses
        fake.faults().next("GET", getOne, 2, Fault.status(503));
        assertThat(secrets.get(scope("dev", "/"), "ROOT_KEY").value()).isEqualTo("root-value");
        fake.faults().next("GET", getOne, 1, Fault.drop());
        assertThat(secrets.get(scope("dev", "/"), "ROOT_KEY").value()).isEqualTo("root-value");
        fake.faults().next("GET", getOne, 1, Fault.malformedBody());
        assertThatThrownBy(() -> secrets.get(scope("dev", "/"), "ROOT_KEY")).isInstanceOf(TransportException.class);
        fake.faults().next("GET", "/api/v3/secrets/raw", 2, Fault.status(503));
        assertThat(secrets.list(scope("dev", "/"), ListOptions.defaults()).effective().get("ROOT_KEY").value())
                .isEqualTo("root-value");
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isEqualTo(3);
    }

    @Test
    void kubernetesAuthLogsInWithTheMountedJwt() throws Exception {
        start(Generation.OCT24);
        String identity = project.createKubernetesIdentity("k8s", "sa-jwt-123", Role.ADMIN);
        Path tokenFile = Files.createTempFile("sa", ".jwt");
        try {
            Files.writeString(tokenFile, "sa-jwt-123\n");
            client = InfisicalClient.builder().host(fake.url())
                    .credentials(Credentials.kubernetes(identity, tokenFile)).build();
            assertThat(client.secrets().get(scope("dev", "/"), "ROOT_KEY").value()).isEqualTo("root-value");
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void wrongClientSecretFailsOnceWithoutLockingTheIdentityOut(Generation g) {
        start(g);
        UniversalAuthCredentials ua = project.createUniversalAuthIdentity("app", Role.ADMIN, Duration.ofHours(1),
                Duration.ofHours(2));
        client = InfisicalClient.builder().host(fake.url())
                .credentials(Credentials.universalAuth(ua.clientId(), "wrong-secret")).build();
        assertThatThrownBy(() -> client.secrets().list(scope("dev", "/"), ListOptions.defaults()))
                .isInstanceOf(AuthenticationException.class);
        assertThat(fake.journal().count("POST", "/api/v1/auth/universal-auth/login")).isEqualTo(1);
    }
}
