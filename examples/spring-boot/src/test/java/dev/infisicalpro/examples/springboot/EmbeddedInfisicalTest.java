package dev.infisicalpro.examples.springboot;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedInfisicalTest {

    @Test
    void startsTheEmbeddedServerOnlyWhenNoServerIsConfigured() {
        Properties none = new Properties();
        Properties host = new Properties();
        host.setProperty("infisical.host-api", "https://infisical.example.com");

        assertThat(EmbeddedInfisical.shouldStart(Map.of(), none)).isTrue();
        assertThat(EmbeddedInfisical.shouldStart(Map.of("INFISICAL_API_URL", "https://infisical.example.com"), none)).isFalse();
        assertThat(EmbeddedInfisical.shouldStart(Map.of(), host)).isFalse();
    }
}
