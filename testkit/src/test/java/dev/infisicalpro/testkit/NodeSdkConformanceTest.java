package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real client nobody here wrote: the official Infisical Node.js SDK ({@code @infisical/sdk}, pinned in
 * {@code src/test/node/package-lock.json}) logs in, lists (with imports), gets, creates, updates,
 * deletes secrets and creates and lists folders against FakeInfisical.
 *
 * <p>When {@code CI=true} a missing node/npm fails the test; elsewhere it is skipped. SDK 5.x declares
 * {@code node >= 20}, but this test also passed on Node 18.20 (Debian bookworm's apt package, which
 * {@code .ci/} installs when npm is missing): {@code npm ci} only warns about the engine.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NodeSdkConformanceTest {

    static Path workDir;

    @BeforeAll
    static void installSdk() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean tools = works("node", "--version") && works("npm", "--version");
        if (!tools) {
            if (ci) {
                fail("CI=true but node/npm are not installed: the Node SDK conformance test must run in CI");
            }
            assumeTrue(false, "node/npm not installed; skipping the Node SDK conformance test");
        }
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path src = basedir.resolve("src/test/node");
        workDir = basedir.resolve("target/node-sdk");
        Files.createDirectories(workDir);
        for (String f : List.of("package.json", "package-lock.json", "script.mjs")) {
            Files.copy(src.resolve(f), workDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        // npm ci takes seconds; skip it when the same lock file was already installed here
        Path stamp = workDir.resolve("node_modules/.installed-lock.json");
        byte[] lock = Files.readAllBytes(src.resolve("package-lock.json"));
        if (!Files.exists(stamp) || !java.util.Arrays.equals(Files.readAllBytes(stamp), lock)) {
            Proc install = run(workDir, Map.of(), Duration.ofMinutes(4), "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exit).as("npm ci failed:\n" + install.output).isZero();
            Files.write(stamp, lock);
        }
        assertThat(workDir.resolve("node_modules/@infisical/sdk/package.json")).exists();
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void officialNodeSdkWorksAgainstTheFake(Generation generation) throws Exception {
        try (FakeInfisical fake = FakeInfisical.builder().generation(generation).start()) {
            FakeProject p = fake.createProject("node-sdk");
            p.putSecret("dev", "/", "DB_HOST", "localhost");
            p.putSecret("dev", "/", "DB_PASSWORD", "s3cret");
            p.putSecret("dev", "/", "DB_URL", "postgres://${DB_HOST}:5432/app");
            p.putSecret("dev", "/app", "APP_KEY", "app-value");
            p.putSecret("staging", "/shared", "FEATURE_FLAG", "on");
            p.addImport("dev", "/app", "staging", "/shared");
            UniversalAuthCredentials ua = p.createUniversalAuthIdentity("node", Role.ADMIN, Duration.ofHours(1),
                    Duration.ofHours(2));

            Proc proc = run(workDir, Map.of("FAKE_SITE_URL", fake.url(), "FAKE_CLIENT_ID", ua.clientId(),
                    "FAKE_CLIENT_SECRET", ua.clientSecret(), "FAKE_PROJECT_ID", p.id(), "FAKE_PROJECT_SLUG", p.slug(),
                    "FAKE_GENERATION", generation.name()), Duration.ofMinutes(1),
                    "node", "script.mjs");
            assertThat(proc.exit).as("node script output:\n" + proc.output).isZero();
            String line = proc.output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
            JsonNode result = Http.JSON.readTree(line.substring("RESULT ".length()));
            assertThat(result.get("listKeys").toString()).isEqualTo("[\"APP_KEY\"]");
            assertThat(result.get("importBlocks").toString()).isEqualTo("[\"staging:/shared=FEATURE_FLAG\"]");
            assertThat(result.get("createdValue").asText()).isEqualTo("created-by-node");
            assertThat(result.get("updatedVersion").asInt()).isEqualTo(2);
            assertThat(result.get("folders").toString()).contains("made-by-node");
            if (generation == Generation.CURRENT) {
                assertThat(result.get("projectBySlugStatus").asInt()).isEqualTo(200);
                assertThat(result.get("projectBySlugEnvironments").toString()).isEqualTo("[\"dev\",\"staging\",\"prod\"]");
            } else {
                assertThat(result.get("projectBySlugStatus").asInt()).isEqualTo(404);
            }

            // what the SDK really sent, as seen by the fake
            Journal j = fake.journal();
            assertThat(j.count("POST", "/api/v1/auth/universal-auth/login")).isEqualTo(1);
            assertThat(j.count("POST", "/api/v1/auth/token/renew")).isEqualTo(1);
            RecordedRequest list = j.requests("GET", "/api/v3/secrets/raw").get(0);
            assertThat(list.queryParam("include_imports")).contains("true");
            assertThat(list.queryParam("expandSecretReferences")).contains("true");
            assertThat(list.queryParam("workspaceId")).contains(p.id());
            assertThat(j.count("POST", "/api/v3/secrets/raw/NODE_KEY")).isEqualTo(2);
            assertThat(j.count("PATCH", "/api/v3/secrets/raw/NODE_KEY")).isEqualTo(1);
            assertThat(j.count("DELETE", "/api/v3/secrets/raw/NODE_KEY")).isEqualTo(1);
            assertThat(j.count("POST", "/api/v1/folders")).isEqualTo(1);
            assertThat(j.count("GET", "/api/v1/folders")).isEqualTo(1);
            assertThat(p.secretValue("dev", "/app", "NODE_KEY")).isEmpty();
            assertThat(p.folderExists("dev", "/app/made-by-node")).isTrue();
        }
    }

    private record Proc(int exit, String output) {
    }

    private static boolean works(String... cmd) {
        try {
            return run(Path.of("."), Map.of(), Duration.ofSeconds(30), cmd).exit == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Proc run(Path dir, Map<String, String> env, Duration timeout, String... cmd)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("proc", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return new Proc(-1, "timed out after " + timeout + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Proc(p.exitValue(), out);
    }
}
