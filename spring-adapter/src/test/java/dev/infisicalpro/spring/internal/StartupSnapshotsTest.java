package dev.infisicalpro.spring.internal;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.InfisicalPropertySource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StartupSnapshotsTest {

    @Test
    void theStartupSnapshotIsHandedOverOnceAndThenNotKept() {
        try (Demo demo = new Demo()) {
            Map<String, String> p = new HashMap<>();
            demo.properties().forEach((k, v) -> p.put(k, v.toString()));
            p.put("infisical.secrets-path", "/app");
            InfisicalSettings s = InfisicalSettings.load(PropertyLookup.of(p), PropertyLookup.of(Map.of()));
            try (InfisicalClient client = s.newClient(); LiveSecrets live = s.startLive(client)) {
                InfisicalPropertySource source = new InfisicalPropertySource("infisical:/app", live);

                assertThat(StartupSnapshots.take(source)).isNotNull()
                        .satisfies(snapshot -> assertThat(snapshot.secrets()).containsKey("DB_PASSWORD"));
                assertThat(StartupSnapshots.take(source)).as("no copy of the first load stays with the source").isNull();
            }
        }
    }
}
