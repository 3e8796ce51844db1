package dev.infisicalpro.spring;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class InfisicalPropertySourceTest {

    Demo demo;
    InfisicalClient client;
    LiveSecrets live;

    @BeforeEach
    void start() {
        demo = new Demo();
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        if (client != null) {
            client.close();
        }
        demo.close();
    }

    private InfisicalPropertySource source(String path) {
        Map<String, String> p = new HashMap<>();
        demo.properties().forEach((k, v) -> p.put(k, v.toString()));
        p.put("infisical.secrets-path", path);
        InfisicalSettings settings = InfisicalSettings.load(PropertyLookup.of(p), PropertyLookup.of(Map.of()));
        client = settings.newClient();
        live = settings.startLive(client);
        return new InfisicalPropertySource("infisical:" + path, live);
    }

    @Test
    void secretIsVisibleUnderItsOwnNameAndAsDottedAlias() {
        InfisicalPropertySource source = source("/app");

        assertThat(source.getProperty("DB_PASSWORD")).isEqualTo(Demo.CANARY);
        assertThat(source.getProperty("db.password")).isEqualTo(Demo.CANARY);
        assertThat(source.getPropertyNames()).contains("DB_PASSWORD", "db.password", "api.key", "API_KEY");
        assertThat(source.containsProperty("db.password")).isTrue();
        assertThat(source.getProperty("no.such.key")).isNull();
    }

    @Test
    void springStyleNamesFindEnvironmentStyleKeysLikeSystemEnvironmentPropertySource() {
        InfisicalPropertySource source = source("/app");

        assertThat(source.getProperty("spring.datasource.password")).isEqualTo("ds-" + Demo.CANARY);
        assertThat(source.getProperty("app.api-key")).isEqualTo("app-key-1");
        assertThat(source.containsProperty("app.api-key")).isTrue();
    }

    @Test
    void lowerCaseAndMixedCaseKeysAreFoundUnderTheirDottedAlias() {
        demo.project.putSecret("dev", "/app", "cache_url", "redis://cache");
        demo.project.putSecret("dev", "/app", "Feature_Flag", "on");
        InfisicalPropertySource source = source("/app");

        assertThat(source.getProperty("cache.url")).isEqualTo("redis://cache");
        assertThat(source.getProperty("cache_url")).isEqualTo("redis://cache");
        assertThat(source.getProperty("feature.flag")).isEqualTo("on");
        assertThat(source.getProperty("unknown.name")).isNull();
        assertThat(source.getProperty("unknown-name.x")).isNull();
    }

    @Test
    void readsTheCurrentSnapshotSoARefreshIsVisibleWithoutReRegistering() {
        InfisicalPropertySource source = source("/app");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(source);
        assertThat(env.getProperty("api.key")).isEqualTo("key-1");

        demo.project.putSecret("dev", "/app", "API_KEY", "key-2");
        demo.project.putSecret("dev", "/app", "NEW_ONE", "fresh");
        live.refreshNow();

        assertThat(env.getProperty("API_KEY")).isEqualTo("key-2");
        assertThat(env.getProperty("new.one")).isEqualTo("fresh");
        assertThat(source.getPropertyNames()).contains("NEW_ONE", "new.one");
        assertThat(env.getPropertySources().get("infisical:/app")).isSameAs(source);
    }

    @Test
    void propertyNamesAreRecomputedOnlyWhenTheSnapshotChanges() {
        demo.project.putSecret("dev", "/app", "api.key", "dotted");   // a collision, so the list is non-empty
        InfisicalPropertySource source = source("/app");
        List<String> first = source.collisions();
        assertThat(source.collisions()).isSameAs(first);

        demo.project.putSecret("dev", "/app", "API_KEY", "key-3");
        live.refreshNow();

        assertThat(source.collisions()).isNotSameAs(first);
    }

    @Test
    void collidingNamesLogOneWarningNamingKeysAndFoldersButNoValues() {
        demo.project.putSecret("dev", "/app", "db.password", "dotted-" + Demo.CANARY);
        demo.project.putSecret("dev", "/app", "Api_Key", "mixed-" + Demo.CANARY);
        try (Demo.LogCapture logs = new Demo.LogCapture("dev.infisicalpro.spring")) {
            InfisicalPropertySource source = source("/app");
            // the key's own name wins over a derived alias; among aliases the env-style spelling wins
            assertThat(source.getProperty("db.password")).isEqualTo("dotted-" + Demo.CANARY);
            assertThat(source.getProperty("api.key")).isEqualTo("key-1");
            source.getPropertyNames();
            source.getProperty("DB_PASSWORD");

            List<String> warnings = logs.messages(Level.WARNING);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("DB_PASSWORD", "db.password", "API_KEY", "Api_Key", "dev:/app")
                    .doesNotContain(Demo.CANARY);
        }
    }

    @Test
    void aResyncThatChangesNothingKeepsTheSecretsMapSoTheNameIndexIsReused() {
        // PropertyNameIndex and the actuator sanitizer cache by the secrets map: a 304 (or an unchanged
        // answer) gives a new snapshot, which must carry the very same map
        InfisicalPropertySource source = source("/app");
        dev.infisicalpro.SecretSnapshot before = live.snapshot();
        String[] names = source.getPropertyNames();

        live.refreshNow();

        assertThat(live.snapshot().secrets()).isSameAs(before.secrets());
        assertThat(source.getPropertyNames()).containsExactly(names);
    }
}
