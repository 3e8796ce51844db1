package dev.infisicalpro.examples.springboot;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedInfisicalTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void startsTheEmbeddedServerOnlyWhenNoServerIsConfiguredAndSaysWhere() {
        Properties none = props();
        String real = "https://infisical.example.com";

        assertThat(EmbeddedInfisical.configuredServer(Map.of(), none, none)).isEmpty();
        assertThat(EmbeddedInfisical.configuredServer(Map.of("INFISICAL_API_URL", real), none, none))
                .contains("environment variable INFISICAL_API_URL");
        assertThat(EmbeddedInfisical.configuredServer(Map.of("INFISICAL_HOST_API", real), none, none))
                .contains("environment variable INFISICAL_HOST_API");
        assertThat(EmbeddedInfisical.configuredServer(Map.of(), props("infisical.host-api", real), none))
                .contains("system property infisical.host-api");
        assertThat(EmbeddedInfisical.configuredServer(Map.of(), none, props("infisical.host-api", real)))
                .contains("infisical.host-api in application.properties");
        assertThat(EmbeddedInfisical.configuredServer(Map.of("INFISICAL_API_URL", " "), none,
                props("infisical.host-api", ""))).isEmpty();
    }

    @Test
    void theShippedApplicationPropertiesLeaveHostApiCommentedOutSoTheDemoStartsEmbedded() {
        // uncommenting infisical.host-api there must switch the embedded server off (read from the class path)
        assertThat(EmbeddedInfisical.applicationProperties()).containsKey("spring.config.import")
                .doesNotContainKey("infisical.host-api");
    }
}
