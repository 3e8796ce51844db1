package dev.infisicalpro.config;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration contract: every key, the environment aliases, and the startup errors naming the keys to set. */
class InfisicalSettingsTest {

    private static final PropertyLookup NONE = name -> Optional.empty();
    private static final String ST = "st.64f0c8e5a1d2e3f4.9f8e7d6c5b4a3928.0a1b2c3d";

    private static InfisicalSettings props(String... kv) {
        return InfisicalSettings.load(PropertyLookup.of(map(kv)), NONE);
    }

    private static InfisicalSettings env(String... kv) {
        return InfisicalSettings.load(NONE, PropertyLookup.of(map(kv)));
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final String[] UA = {"infisical.auth.client-id", "cid", "infisical.auth.client-secret", "csecret",
            "infisical.env-slug", "dev"};

    private static String[] ua(String... more) {
        String[] out = new String[UA.length + more.length];
        System.arraycopy(UA, 0, out, 0, UA.length);
        System.arraycopy(more, 0, out, UA.length, more.length);
        return out;
    }

    @Test
    void accessTokenPropertyHoldingAServiceTokenFailsNamingTheServiceTokenProperty() {
        assertThatThrownBy(() -> props("infisical.env-slug", "dev", "infisical.auth.access-token",
                "st.abc.SECRET-CANARY-1.key"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("infisical.auth.service-token")
                .message().doesNotContain("SECRET-CANARY-1");
    }

    @Test
    void defaultsFollowTheContract() {
        InfisicalSettings s = props(UA);
        assertThat(s.enabled()).isTrue();
        assertThat(s.hostApi()).isEqualTo("https://app.infisical.com/api");
        assertThat(s.project()).isEqualTo(ProjectRef.fromToken());
        assertThat(s.envSlug()).hasValue("dev");
        assertThat(s.secretsPaths()).containsExactly(SecretPath.ROOT);
        assertThat(s.listOptions()).isEqualTo(new ListOptions(false, true, true));
        assertThat(s.resyncInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxStaleness()).isZero();
        assertThat(s.failFast()).isTrue();
        assertThat(s.ordinal()).isEqualTo(270);
        assertThat(s.credentials()).isEqualTo(Credentials.universalAuth("cid", "csecret"));
    }

    @Test
    void everyKeyIsRead() {
        InfisicalSettings s = props(ua("infisical.enabled", "false", "infisical.host-api", "https://h.example/",
                "infisical.project-id", "p1", "infisical.secrets-path", "/shared, /billing/",
                "infisical.recursive", "true", "infisical.include-imports", "false",
                "infisical.expand-secret-references", "FALSE", "infisical.resync-interval", "5m",
                "infisical.max-staleness", "1h", "infisical.fail-fast", "false", "infisical.ordinal", "300"));
        assertThat(s.enabled()).isFalse();
        assertThat(s.hostApi()).isEqualTo("https://h.example/api");
        assertThat(s.project()).isEqualTo(ProjectRef.id("p1"));
        assertThat(s.secretsPaths()).containsExactly(SecretPath.of("/shared"), SecretPath.of("/billing"));
        assertThat(s.listOptions()).isEqualTo(new ListOptions(true, false, false));
        assertThat(s.resyncInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.maxStaleness()).isEqualTo(Duration.ofHours(1));
        assertThat(s.failFast()).isFalse();
        assertThat(s.ordinal()).isEqualTo(300);
    }

    @Test
    void projectSlugIsAnAlternativeToTheId() {
        assertThat(props(ua("infisical.project-slug", "payments-7f3a")).project()).isEqualTo(ProjectRef.slug("payments-7f3a"));
        assertThatThrownBy(() -> props(ua("infisical.project-slug", "s", "infisical.project-id", "i")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("infisical.project-id")
                .hasMessageContaining("infisical.project-slug");
    }

    @ParameterizedTest
    @CsvSource({"60s, 60", "5m, 300", "1h, 3600", "PT60S, 60", "pt2m, 120", "60, 60", "0, 0", "2d, 172800"})
    void durationsAcceptUnitsIsoAndPlainSeconds(String text, long seconds) {
        assertThat(props(ua("infisical.resync-interval", text)).resyncInterval()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void badDurationNamesTheKeyAndTheAcceptedForms() {
        assertThatThrownBy(() -> props(ua("infisical.resync-interval", "soon")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("infisical.resync-interval")
                .hasMessageContaining("60s").hasMessageContaining("PT60S");
    }

    @ParameterizedTest
    @CsvSource({"400d", "366d", "P400D", "9600h", "99999999999999999d"})
    void outOfRangeResyncIntervalNamesTheSettingAndTheRuleNeverTheValue(String text) {
        assertThatThrownBy(() -> props(ua("infisical.resync-interval", text)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("infisical.resync-interval is out of range")
                .hasMessageContaining("at most 365 days")
                .hasMessageNotContaining(text)
                .hasMessageNotContaining(text.replaceAll("\\D", ""));
        // the environment form is named as the user wrote it
        assertThatThrownBy(() -> env("INFISICAL_AUTH_ACCESS_TOKEN", "eyJ.payload.sig", "INFISICAL_ENV_SLUG", "dev",
                "INFISICAL_RESYNC_INTERVAL", text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("INFISICAL_RESYNC_INTERVAL (environment) is out of range")
                .hasMessageNotContaining(text.replaceAll("\\D", ""));
    }

    @Test
    void resyncIntervalBoundIsTheLiveBuildersBound() {
        InfisicalSettings atBound = props(ua("infisical.resync-interval", "365d"));
        assertThat(atBound.resyncInterval()).isEqualTo(Duration.ofDays(365));
        try (InfisicalClient client = atBound.newClient()) {
            // live() hands the interval to LiveSecrets.Builder (no request is made before start())
            assertThat(atBound.live(client)).isNotNull();
            assertThatThrownBy(() -> atBound.live(client).resyncInterval(Duration.ofDays(366)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> props(ua("infisical.resync-interval", "366d"))).isInstanceOf(ValidationException.class);
    }

    @Test
    void badBooleanNamesTheKey() {
        assertThatThrownBy(() -> props(ua("infisical.recursive", "yes")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("infisical.recursive");
    }

    @Test
    void infisicalEnvironmentVariablesAreRead() {
        InfisicalSettings s = env("INFISICAL_API_URL", "https://eu.infisical.com", "INFISICAL_PROJECT_ID", "p9",
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "cid", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "cs",
                "INFISICAL_ENV_SLUG", "prod");
        assertThat(s.hostApi()).isEqualTo("https://eu.infisical.com/api");
        assertThat(s.project()).isEqualTo(ProjectRef.id("p9"));
        assertThat(s.envSlug()).hasValue("prod");
        assertThat(s.credentials()).isEqualTo(Credentials.universalAuth("cid", "cs"));
    }

    @Test
    void contractNamesInEnvironmentVariableFormAreRead() {
        InfisicalSettings s = env("INFISICAL_AUTH_ACCESS_TOKEN", "jwt", "INFISICAL_ENV_SLUG", "dev",
                "INFISICAL_SECRETS_PATH", "/a,/b", "INFISICAL_RESYNC_INTERVAL", "0");
        assertThat(s.credentials()).isEqualTo(Credentials.accessToken("jwt"));
        assertThat(s.secretsPaths()).hasSize(2);
        assertThat(s.resyncInterval()).isZero();
    }

    @Test
    void propertiesWinOverEnvironmentVariables() {
        InfisicalSettings s = InfisicalSettings.load(PropertyLookup.of(map(ua("infisical.host-api", "https://a.example"))),
                PropertyLookup.of(map("INFISICAL_API_URL", "https://b.example")));
        assertThat(s.hostApi()).isEqualTo("https://a.example/api");
    }

    @Test
    void infisicalTokenStartingWithStIsAServiceToken() {
        assertThat(env("INFISICAL_TOKEN", ST).credentials()).isEqualTo(Credentials.serviceToken(ST));
    }

    @Test
    void infisicalTokenOtherwiseIsAnAccessToken() {
        assertThat(env("INFISICAL_TOKEN", "eyJhbGciOi.x.y", "INFISICAL_ENV_SLUG", "dev").credentials())
                .isEqualTo(Credentials.accessToken("eyJhbGciOi.x.y"));
    }

    @Test
    void kubernetesIdentityFromEnvironmentWithDefaultTokenPath() {
        InfisicalSettings s = env("INFISICAL_MACHINE_IDENTITY_ID", "ident-1", "INFISICAL_ENV_SLUG", "dev");
        assertThat(s.credentials()).isEqualTo(Credentials.kubernetes("ident-1", Credentials.DEFAULT_KUBERNETES_TOKEN_PATH));
        InfisicalSettings t = props("infisical.auth.kubernetes.identity-id", "ident-1", "infisical.env-slug", "dev",
                "infisical.auth.kubernetes.token-path", "/tmp/t");
        assertThat(t.credentials()).isEqualTo(Credentials.kubernetes("ident-1", Path.of("/tmp/t")));
    }

    @Test
    void credentialsDirectoryIsAnAuthMethod(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("clientId"), "cid\n");
        Files.writeString(dir.resolve("clientSecret"), " cs \n");
        InfisicalSettings s = props("infisical.auth.credentials-dir", dir.toString(), "infisical.env-slug", "dev");
        assertThat(s.credentials()).isEqualTo(Credentials.universalAuth("cid", "cs"));
    }

    @Test
    void noAuthMethodNamesTheKeysToSet() {
        assertThatThrownBy(() -> props("infisical.env-slug", "dev")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no authentication method")
                .hasMessageContaining("infisical.auth.client-id").hasMessageContaining("infisical.auth.client-secret")
                .hasMessageContaining("infisical.auth.service-token").hasMessageContaining("infisical.auth.access-token")
                .hasMessageContaining("infisical.auth.credentials-dir")
                .hasMessageContaining("infisical.auth.kubernetes.identity-id")
                .hasMessageContaining("INFISICAL_TOKEN");
    }

    @Test
    void twoAuthMethodsNameBothSources() {
        assertThatThrownBy(() -> InfisicalSettings.load(PropertyLookup.of(map(UA)),
                PropertyLookup.of(map("INFISICAL_TOKEN", ST))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("more than one")
                .hasMessageContaining("infisical.auth.client-id").hasMessageContaining("INFISICAL_TOKEN (environment)");
    }

    @Test
    void halfAUniversalAuthPairNamesTheMissingKey() {
        assertThatThrownBy(() -> props("infisical.auth.client-id", "cid", "infisical.env-slug", "dev"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("infisical.auth.client-secret");
    }

    @Test
    void missingEnvSlugIsAStartupErrorUnlessAServiceTokenCanSupplyIt() {
        assertThatThrownBy(() -> props("infisical.auth.client-id", "cid", "infisical.auth.client-secret", "cs"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("infisical.env-slug");
        assertThat(props("infisical.auth.service-token", ST).envSlug()).isEmpty();
    }

    @Test
    void singleScopeServiceTokenSuppliesTheEnvironment() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            String token = p.createServiceToken("ci", List.of(TokenScope.of("staging", "/**")),
                    EnumSet.of(Permission.READ)).token();
            InfisicalSettings s = props("infisical.auth.service-token", token, "infisical.host-api", fake.url());
            try (InfisicalClient client = s.newClient()) {
                SecretQuery q = s.query(client);
                assertThat(q.environment()).isEqualTo("staging");
                assertThat(q.project()).isEqualTo(ProjectRef.fromToken());
                assertThat(q.paths()).containsExactly(SecretPath.ROOT);
            }
        }
    }

    @Test
    void multiEnvironmentServiceTokenNeedsAnEnvSlug() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            String token = p.createServiceToken("ci", List.of(TokenScope.of("dev", "/"), TokenScope.of("staging", "/")),
                    EnumSet.of(Permission.READ)).token();
            InfisicalSettings s = props("infisical.auth.service-token", token, "infisical.host-api", fake.url());
            try (InfisicalClient client = s.newClient()) {
                assertThatThrownBy(() -> s.query(client)).isInstanceOf(ValidationException.class)
                        .hasMessageContaining("infisical.env-slug").hasMessageContaining("staging");
            }
        }
    }

    @Test
    void disabledSettingsNeedNoCredentialsOrEnvironment() {
        InfisicalSettings s = props("infisical.enabled", "false");
        assertThat(s.enabled()).isFalse();
        assertThatThrownBy(s::credentials).isInstanceOf(ValidationException.class)
                .hasMessageContaining("infisical.enabled");
        assertThatThrownBy(() -> s.withOverrides(Map.of("infisical.enabled", "true")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("no authentication method");
    }

    @Test
    void overridesReplaceKeysAndAreValidated() {
        InfisicalSettings s = props(UA).withOverrides(Map.of("infisical.env-slug", "prod", "infisical.recursive", "true"));
        assertThat(s.envSlug()).hasValue("prod");
        assertThat(s.listOptions().recursive()).isTrue();
        assertThatThrownBy(() -> props(UA).withOverrides(Map.of("infisical.nope", "x")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void toStringHidesSecretMaterial() {
        String shown = props(ua()).toString() + env("INFISICAL_TOKEN", ST).toString();
        assertThat(shown).contains("infisical.auth.client-id=cid").doesNotContain("csecret")
                .doesNotContain("9f8e7d6c5b4a3928");
    }

    @Test
    void everyContractKeyIsListed() {
        assertThat(InfisicalSettings.ALL_KEYS).contains("infisical.host-api", "infisical.project-id",
                "infisical.project-slug", "infisical.env-slug", "infisical.secrets-path", "infisical.recursive",
                "infisical.include-imports", "infisical.expand-secret-references", "infisical.resync-interval",
                "infisical.fail-fast", "infisical.auth.service-token", "infisical.auth.access-token",
                "infisical.auth.client-id", "infisical.auth.client-secret", "infisical.auth.credentials-dir",
                "infisical.auth.kubernetes.identity-id", "infisical.auth.kubernetes.token-path", "infisical.ordinal");
    }

    @Test
    void environmentNameIsThePropertyInEnvironmentVariableForm() {
        assertThat(InfisicalSettings.environmentName("infisical.env-slug")).isEqualTo("INFISICAL_ENV_SLUG");
        assertThat(InfisicalSettings.environmentName(InfisicalSettings.AUTH_KUBERNETES_IDENTITY_ID))
                .isEqualTo("INFISICAL_AUTH_KUBERNETES_IDENTITY_ID");
        // and load reads exactly that name
        InfisicalSettings s = InfisicalSettings.load(PropertyLookup.of(Map.of()), PropertyLookup.of(Map.of(
                InfisicalSettings.environmentName(InfisicalSettings.ENV_SLUG), "staging",
                InfisicalSettings.environmentName(InfisicalSettings.AUTH_ACCESS_TOKEN), "tok")));
        assertThat(s.envSlug()).contains("staging");
    }

    @Test
    void environmentVariablesListsInfisicalsOwnNamesThatLoadReads() {
        assertThat(InfisicalSettings.ENVIRONMENT_VARIABLES).containsExactly("INFISICAL_API_URL",
                "INFISICAL_PROJECT_ID", "INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_MACHINE_IDENTITY_ID");
        InfisicalSettings s = InfisicalSettings.load(PropertyLookup.of(Map.of("infisical.env-slug", "dev")),
                PropertyLookup.of(Map.of("INFISICAL_API_URL", "https://h.example.com", "INFISICAL_PROJECT_ID", "p1",
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "id", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "sec")));
        assertThat(s.hostApi()).isEqualTo("https://h.example.com/api");
        assertThat(s.credentials()).isInstanceOf(Credentials.UniversalAuth.class);
    }

    @ParameterizedTest
    @CsvSource({
            "property, infisical.auth.client-id",
            "property, infisical.auth.client-secret",
            "property, infisical.auth.service-token",
            "property, infisical.auth.access-token",
            "property, infisical.auth.credentials-dir",
            "property, infisical.auth.kubernetes.identity-id",
            "environment, INFISICAL_AUTH_CLIENT_ID",
            "environment, INFISICAL_AUTH_ACCESS_TOKEN",
            "environment, INFISICAL_AUTH_CREDENTIALS_DIR",
            "environment, INFISICAL_TOKEN",
            "environment, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
            "environment, INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
            "environment, INFISICAL_MACHINE_IDENTITY_ID"})
    void authConfiguredSeesAnAuthSettingInEveryForm(String where, String name) {
        PropertyLookup none = PropertyLookup.of(Map.of());
        PropertyLookup one = PropertyLookup.of(Map.of(name, "x"));
        assertThat(where.equals("property") ? InfisicalSettings.authConfigured(one, none)
                : InfisicalSettings.authConfigured(none, one)).isTrue();
    }

    @Test
    void authConfiguredIsFalseWithoutAnyAuthSettingOrWithBlankOnes() {
        PropertyLookup none = PropertyLookup.of(Map.of());
        assertThat(InfisicalSettings.authConfigured(none, none)).isFalse();
        assertThat(InfisicalSettings.authConfigured(
                PropertyLookup.of(Map.of("infisical.env-slug", "dev", "infisical.auth.kubernetes.token-path", "/t",
                        "infisical.auth.client-id", " ")),
                PropertyLookup.of(Map.of("INFISICAL_API_URL", "https://h", "INFISICAL_TOKEN", "  ")))).isFalse();
    }
}
