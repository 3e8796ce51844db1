package dev.infisicalpro.examples.plain;

import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the demo exactly as {@code java -jar} does with no INFISICAL_API_URL, and reads its output. */
class PlainJavaDemoTest {

    @Test
    void demoRunsOnTheEmbeddedServerMasksValuesAndShowsTheRotation() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PropertyLookup nothing = name -> Optional.empty();

        PlainJavaDemo.run(nothing, nothing, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("started the embedded FakeInfisical")
                .contains("DB_PASSWORD = ****** (16 chars)")
                .contains("API_KEY = ******")
                .contains("LOG_LEVEL = ******")           // arrived through the import of dev:/shared
                .contains("dev:/shared (imported)")
                .contains("changed=[DB_PASSWORD]");
        // Values are masked everywhere: none of the seeded values is printed.
        assertThat(output)
                .doesNotContain("demo-db-password")
                .doesNotContain("demo-api-key-123")
                .doesNotContain("rotated-");
    }

    @Test
    void referencesAreExpandedBeforeTheAppSeesThem() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start();
             var client = dev.infisicalpro.config.InfisicalSettings
                     .load(PropertyLookup.of(server.settings()), name -> Optional.empty()).newClient()) {
            var scope = dev.infisicalpro.Scope.ofToken("dev", "/app");
            assertThat(client.secrets().get(scope, "GREETING").value()).isEqualTo("Hello from Infisical Pro for Java");
        }
    }

    @Test
    void againstAServerWithoutEnvSlugTheDemoStopsWithTheLibrarysFix() {
        PropertyLookup env = PropertyLookup.of(java.util.Map.of(
                "INFISICAL_API_URL", "http://127.0.0.1:9",
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "id",
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "secret-canary-1234"));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlainJavaDemo.run(name -> Optional.empty(), env,
                        new PrintStream(buffer, true, StandardCharsets.UTF_8)))
                .isInstanceOf(dev.infisicalpro.ValidationException.class)
                .hasMessageContaining("infisical.env-slug")
                .hasMessageNotContaining("secret-canary-1234");
    }

    @Test
    void maskShowsLengthOnly() {
        assertThat(PlainJavaDemo.mask("abc")).isEqualTo("****** (3 chars)");
        assertThat(PlainJavaDemo.mask("")).isEqualTo("(empty)");
    }
}
