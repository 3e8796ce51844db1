package dev.infisicalpro.testkit;

import dev.infisicalpro.testkit.internal.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-alone main, run in-process on port 0. */
class StandaloneMainTest {

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("output contains " + regex + ":\n" + text).isTrue();
        return m.group(1);
    }

    @Test
    void demoSeedPrintsUsableCredentials() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (FakeInfisical fake = Main.run(new String[]{"--port", "0"}, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            String out = buf.toString(StandardCharsets.UTF_8);
            String url = find(out, "listening on (http://127\\.0\\.0\\.1:\\d+)");
            assertThat(url).isEqualTo(fake.url());
            assertThat(out).contains("API URL:   " + fake.apiUrl());
            String projectId = find(out, "Project: +demo +id=(\\S+)");
            String token = find(out, "Service token 'demo-token' \\(project \\S+\\): (st\\.\\S+)");
            String clientId = find(out, "clientId=(\\S+)");
            String clientSecret = find(out, "clientSecret=(\\S+)");

            Http http = new Http(url);
            Http.Res st = http.get("/api/v3/secrets/raw?workspaceId=" + projectId
                    + "&environment=dev&secretPath=%2F&expandSecretReferences=true", token);
            assertThat(st.status()).isEqualTo(200);
            assertThat(st.text()).contains("postgres://localhost:5432/app");
            Http.Res login = http.json("POST", "/api/v1/auth/universal-auth/login", null,
                    Map.of("clientId", clientId, "clientSecret", clientSecret));
            assertThat(login.status()).isEqualTo(200);
        }
    }

    @Test
    void seedFileAndGenerationFlags() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String seed = SeedFileTest.seedFile().toString();
        try (FakeInfisical fake = Main.run(new String[]{"--port", "0", "--seed", seed, "--generation", "current"},
                new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            String out = buf.toString(StandardCharsets.UTF_8);
            assertThat(out).contains("FakeInfisical (CURRENT)", "slug=shop", "clientId=local-client-id",
                    "Kubernetes auth identity: ");
            assertThat(fake.generation()).isEqualTo(Generation.CURRENT);
            assertThat(fake.project("shop")).isPresent();
        }
    }

    @Test
    void badArguments() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Main.run(new String[]{"--bogus"}, out)).hasMessageContaining("unknown argument");
        assertThatThrownBy(() -> Main.run(new String[]{"--seed", "/nonexistent.json"}, out))
                .hasMessageContaining("seed file not found");
        assertThatThrownBy(() -> Main.run(new String[]{"--port"}, out)).hasMessageContaining("needs a value");
        assertThat(Main.run(new String[]{"--help"}, out)).isNull();
    }
}
