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

    private InfisicalConfigSourceProvider configuredProvider() {
        PropertyLookup env = PropertyLookup.of(Map.of("INFISICAL_API_URL", fake.url(), "INFISICAL_TOKEN", token));
        PropertyLookup props = PropertyLookup.of(Map.of("infisical.env-slug", "staging", "infisical.resync-interval", "0"));
        return new InfisicalConfigSourceProvider(props, env);
    }

    /** A class loader that sees the JDK only: neither SmallRye's factory SPI nor our service files. */
    private static ClassLoader jdkOnly() {
        return new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader());
    }

    private List<InfisicalConfigSource> infisicalSources(io.smallrye.config.SmallRyeConfig config) {
        List<InfisicalConfigSource> found = new ArrayList<>();
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof InfisicalConfigSource s) {
                found.add(s);
                opened.add(s);
            }
        }
        return found;
    }

    @Test
    void calledBySmallRyeWhereTheFactoryIsInvisibleTheProviderStillAnswers() {
        // SmallRye calls the provider, but discovers factories through a loader that cannot see ours:
        // stepping aside here would leave the application without secrets.
        io.smallrye.config.SmallRyeConfig config = new io.smallrye.config.SmallRyeConfigBuilder()
                .forClassLoader(jdkOnly())
                .withSources(configuredProvider())
                .build();
        assertThat(infisicalSources(config)).hasSize(1);
        assertThat(config.getValue("db.password", String.class)).isEqualTo(CANARY);
    }

    @Test
    void calledBySmallRyeWhereTheFactoryIsVisibleTheProviderStepsAside() {
        io.smallrye.config.SmallRyeConfig config = new io.smallrye.config.SmallRyeConfigBuilder()
                .forClassLoader(getClass().getClassLoader())
                .withSources(configuredProvider())
                .build();
        assertThat(infisicalSources(config)).isEmpty(); // the factory answers when sources are discovered
        assertThat(fake.journal().requests()).isEmpty();
    }

    @Test
    void notCalledBySmallRyeTheProviderAnswersEvenWithSmallRyeOnTheClassPath() {
        assertThat(InfisicalConfigSourceProvider.factoryVisible(getClass().getClassLoader())).isTrue();
        assertThat(sources(configuredProvider())).hasSize(1); // a plain MicroProfile implementation's call
    }

    @Test
    void theFactoryCountsAsVisibleOnlyWithItsSpiAndOurServiceFile() {
        assertThat(InfisicalConfigSourceProvider.factoryVisible(getClass().getClassLoader())).isTrue();
        assertThat(InfisicalConfigSourceProvider.factoryVisible(null)).isTrue(); // falls back to our own loader
        assertThat(InfisicalConfigSourceProvider.factoryVisible(jdkOnly())).isFalse();
        // the SPI alone is not enough: a loader that sees SmallRye but not our service file
        ClassLoader smallRyeOnly = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<java.net.URL> getResources(String name) {
                return java.util.Collections.emptyEnumeration();
            }
        };
        assertThat(InfisicalConfigSourceProvider.factoryVisible(smallRyeOnly)).isFalse();
    }
}
