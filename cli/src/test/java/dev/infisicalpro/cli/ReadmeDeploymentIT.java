package dev.infisicalpro.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's two deployment styles, run as written: the OpenClaw provider config
 * ({@code src/test/resources/readme/openclaw.json} with its properties file) and the systemd unit
 * ({@code src/test/resources/readme/myapp.service}). Only host, token and binary paths are swapped for
 * the test's.
 */
class ReadmeDeploymentIT {

    private static final Path README_FILES = Path.of("src/test/resources/readme");

    @TempDir
    Path dir;
    private FakeInfisical fake;
    private FakeProject project;
    private String token;

    @BeforeEach
    void seed() {
        fake = FakeInfisical.start();
        project = fake.createProject("readme");
        project.putSecret("dev", "/openclaw", "OPENAI_API_KEY", "sk-openai-canary");
        project.putSecret("prod", "/llm", "ANTHROPIC_API_KEY", "sk-ant-canary");
        project.putSecret("prod", "/myapp", "MYAPP_DB_PASSWORD", "myapp-canary");
        token = project.createServiceToken("readme", List.of(TokenScope.of("dev", "/**"), TokenScope.of("prod", "/**")),
                EnumSet.of(Permission.READ)).token();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void theOpenClawProviderConfigResolvesItsSecretRefs() throws Exception {
        JsonNode config = new ObjectMapper().readTree(README_FILES.resolve("openclaw.json").toFile());
        JsonNode provider = config.at("/secrets/providers/infisical");
        assertThat(provider.get("source").asText()).isEqualTo("exec");
        assertThat(Path.of(provider.get("command").asText()).isAbsolute()).as("OpenClaw resolves no PATH").isTrue();

        String properties = Files.readString(README_FILES.resolve("openclaw.properties"))
                .replace("https://infisical.example.com", fake.url()).replace("st.xxxx.yyyy.zzzz", token);
        Path propertiesFile = Fixtures.privateFile(dir.resolve("openclaw.properties"), properties);
        List<String> args = new ArrayList<>();
        provider.get("args").forEach(a -> args.add(a.asText().equals("/etc/infisical-pro/openclaw.properties")
                ? propertiesFile.toString() : a.asText()));
        List<String> ids = new ArrayList<>();
        config.at("/models/providers").forEach(p -> {
            JsonNode ref = p.get("apiKey");
            assertThat(ref.isObject()).as("the JSON SecretRef object form, never a ref:… string").isTrue();
            assertThat(ref.get("provider").asText()).isEqualTo("infisical");
            ids.add(ref.get("id").asText());
        });

        args.addAll(List.of("--timeout", "60s")); // the 4 s default counts JVM start, slow on a loaded build machine
        CliProcess.Result r = CliProcess.of(args.toArray(String[]::new))
                .stdin("{\"protocolVersion\":1,\"provider\":\"infisical\",\"ids\":" + new ObjectMapper().writeValueAsString(ids) + "}")
                .run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode answer = new ObjectMapper().readTree(r.stdout());
        assertThat(answer.at("/values/OPENAI_API_KEY").asText()).isEqualTo("sk-openai-canary");
        assertThat(answer.get("values").get("prod:/llm/ANTHROPIC_API_KEY").asText()).isEqualTo("sk-ant-canary");
        assertThat(provider.get("timeoutMs").asInt()).as("the provider's own deadline (4 s) fits").isGreaterThan(4000);
    }

    @Test
    void theSystemdUnitRunsTheServiceWithItsSecretsAndNoTokenInItsEnvironment() throws Exception {
        List<String> unit = Files.readAllLines(README_FILES.resolve("myapp.service"));
        String credential = value(unit, "LoadCredential=");           // infisicalToken:/etc/...
        String environment = value(unit, "Environment=");             // INFISICAL_API_URL=...
        String execStart = value(unit, "ExecStart=");

        // what systemd does: a private credentials folder holding the token file under the credential's name
        Path credentials = Files.createDirectory(dir.resolve("credentials"));
        Fixtures.privateFile(credentials.resolve(credential.substring(0, credential.indexOf(':'))), token);
        String[] env = environment.split("=", 2);

        List<String> command = new ArrayList<>(Arrays.asList(execStart.split("\\s+")));
        assertThat(command.get(0)).isEqualTo("/usr/local/bin/infisical-pro");
        command.remove(0);
        command.set(command.size() - 1, "/usr/bin/env"); // the service: prints the environment it got

        CliProcess.Result r = CliProcess.of(command.toArray(String[]::new))
                .env("CREDENTIALS_DIRECTORY", credentials.toString())
                .env(env[0], env[1].replace("https://infisical.example.com", fake.url()))
                .run();

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines()).contains("MYAPP_DB_PASSWORD=myapp-canary");
        assertThat(r.stdout()).as("the token never reaches the service's environment").doesNotContain(token);
        assertThat(r.stderr()).isEmpty();
    }

    private static String value(List<String> unit, String prefix) {
        return unit.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " line in the unit"));
    }
}
