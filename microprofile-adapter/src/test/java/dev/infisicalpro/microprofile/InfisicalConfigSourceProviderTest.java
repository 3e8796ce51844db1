package dev.infisicalpro.microprofile;

import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain MicroProfile path: a ConfigSourceProvider called by a non-SmallRye implementation. */
class InfisicalConfigSourceProviderTest {

    private static final String CANARY = "canary-4b1d-provider";

    private FakeInfisical fake;
    private String token;
    private final List<ConfigSource> opened = new ArrayList<>();

    @BeforeEach
    void startFake() {
        fake = FakeInfisical.start();
        FakeProject project = fake.createProject("plain-mp");
        project.putSecret("staging", "/", "DB_PASSWORD", CANARY);
        token = project.createServiceToken("plain", List.of(TokenScope.of("staging", "/**")),
                EnumSet.of(Permission.READ)).token();
    }

    @AfterEach
    void stop() {
        opened.forEach(s -> ((InfisicalConfigSource) s).close());
        fake.close();
    }

    private List<ConfigSource> sources(ConfigSourceProvider provider) {
        List<ConfigSource> sources = new ArrayList<>();
        provider.getConfigSources(getClass().getClassLoader()).forEach(sources::add);
        opened.addAll(sources);
        return sources;
    }

    @Test
    void providerReadsInfisicalEnvironmentVariablesAndProperties() {
        PropertyLookup env = PropertyLookup.of(Map.of("INFISICAL_API_URL", fake.url(), "INFISICAL_TOKEN", token));
        PropertyLookup props = PropertyLookup.of(Map.of("infisical.env-slug", "staging", "infisical.resync-interval", "0"));
        List<ConfigSource> sources = sources(new InfisicalConfigSourceProvider(props, env));

        assertThat(sources).hasSize(1);
        ConfigSource source = sources.get(0);
        assertThat(source.getValue("db.password")).isEqualTo(CANARY);
        assertThat(source.getValue("DB_PASSWORD")).isEqualTo(CANARY);
        assertThat(source.getOrdinal()).isEqualTo(270);
        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("DB_PASSWORD", "db.password");
    }

    @Test
    void providerReadsContractNamesInEnvironmentForm() {
        PropertyLookup env = PropertyLookup.of(Map.of("INFISICAL_HOST_API", fake.url(),
                "INFISICAL_AUTH_SERVICE_TOKEN", token, "INFISICAL_ENV_SLUG", "staging",
                "INFISICAL_RESYNC_INTERVAL", "0"));
        List<ConfigSource> sources = sources(new InfisicalConfigSourceProvider(PropertyLookup.of(Map.of()), env));
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0).getValue("db.password")).isEqualTo(CANARY);
    }

    @Test
    void serviceLoadedProviderReadsSystemProperties() {
        Map<String, String> settings = Map.of("infisical.host-api", fake.apiUrl(), "infisical.auth.service-token", token,
                "infisical.env-slug", "staging", "infisical.resync-interval", "0");
        settings.forEach(System::setProperty);
        try {
            ConfigSourceProvider provider = ServiceLoader.load(ConfigSourceProvider.class).stream()
                    .filter(p -> p.type() == InfisicalConfigSourceProvider.class)
                    .findFirst().orElseThrow().get();
            List<ConfigSource> sources = sources(provider);
            assertThat(sources).hasSize(1);
            assertThat(sources.get(0).getValue("db.password")).isEqualTo(CANARY);
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void providerHonoursInfisicalEnabledFalseFromTheEnvironment() {
        PropertyLookup env = PropertyLookup.of(Map.of("INFISICAL_ENABLED", "false", "INFISICAL_TOKEN", token));
        assertThat(sources(new InfisicalConfigSourceProvider(PropertyLookup.of(Map.of()), env))).isEmpty();
        assertThat(fake.journal().requests()).isEmpty();
    }

    @Test
    void providerWithoutSettingsContributesNothing() {
        PropertyLookup none = PropertyLookup.of(Map.of());
        assertThat(sources(new InfisicalConfigSourceProvider(none, none))).isEmpty();
        assertThat(fake.journal().requests()).isEmpty();
    }
}
