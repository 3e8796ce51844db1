package dev.infisicalpro.examples.quarkus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Main} starts the demo server only when no Infisical server is configured anywhere Quarkus
 * would read one from; otherwise the demo's system properties (ordinal 400) would silently replace
 * the real server.
 */
class MainServerDetectionTest {

    @TempDir
    Path dir;

    private Optional<String> detect(Map<String, String> env, Properties system, String applicationProperties,
                                    String externalProperties) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        if (applicationProperties != null) {
            Files.writeString(classes.resolve("application.properties"), applicationProperties);
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        if (externalProperties != null) {
            Files.writeString(Files.createDirectories(work.resolve("config")).resolve("application.properties"),
                    externalProperties);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            return Main.configuredServer(env::get, system, loader, work);
        }
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    @Test
    void nothingConfiguredStartsTheDemoServer() throws IOException {
        assertEquals(Optional.empty(), detect(Map.of("INFISICAL_TOKEN", "st.x"), new Properties(),
                "infisical.env-slug=dev\ninfisical.secrets-path=/app\n", null));
    }

    @Test
    void theApiUrlEnvironmentVariableWins() throws IOException {
        assertEquals(Optional.of("the environment variable INFISICAL_API_URL"),
                detect(Map.of("INFISICAL_API_URL", "https://infisical.example.com"), new Properties(), null, null));
    }

    @Test
    void theContractNameInEnvironmentFormCounts() throws IOException {
        assertEquals(Optional.of("the environment variable INFISICAL_HOST_API"),
                detect(Map.of("INFISICAL_HOST_API", "https://infisical.example.com"), new Properties(), null, null));
    }

    @Test
    void aSystemPropertyCounts() throws IOException {
        assertEquals(Optional.of("the system property infisical.host-api"),
                detect(Map.of(), props("infisical.host-api", "https://infisical.example.com"), null, null));
    }

    @Test
    void applicationPropertiesOnTheClassPathCount() throws IOException {
        assertEquals(Optional.of("infisical.host-api in application.properties"),
                detect(Map.of(), new Properties(), "infisical.env-slug=dev\ninfisical.host-api=https://i.example.com\n",
                        null));
    }

    @Test
    void aProfileSpecificHostCounts() throws IOException {
        assertEquals(Optional.of("%prod.infisical.host-api in application.properties"),
                detect(Map.of(), new Properties(), "%prod.infisical.host-api=https://i.example.com\n", null));
    }

    @Test
    void configApplicationPropertiesInTheWorkingDirectoryCount() throws IOException {
        Optional<String> found = detect(Map.of(), new Properties(), null, "infisical.host-api=https://i.example.com\n");
        assertEquals(true, found.orElseThrow().startsWith("infisical.host-api in "), found.toString());
    }

    @Test
    void blankValuesDoNotCount() throws IOException {
        assertEquals(Optional.empty(), detect(Map.of("INFISICAL_API_URL", " "), props("infisical.host-api", ""),
                "infisical.host-api=\n", null));
    }

    @Test
    void theExamplesOwnApplicationPropertiesConfigureNoServer() {
        assertEquals(Optional.empty(), Main.configuredServer(k -> null, new Properties(),
                Main.class.getClassLoader(), dir));
    }
}
