package dev.infisicalpro.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.infisicalpro.cli.doctor.Doctor.Check;
import dev.infisicalpro.cli.doctor.Doctor.Status;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import dev.infisicalpro.testkit.UniversalAuthLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every doctor check's PASS and its FAIL or WARN against FakeInfisical scenarios: wrong host,
 * {@code /api} missing or doubled, snake_case credentials folder, disabled identity, expired secret,
 * missing folder, {@code /}-scoped token with a sub-path, 429, clock skew. Values in the fake start
 * with "canary" and must appear in no report.
 */
class DoctorTest {

    private static final String CANARY = "canary-value-Kq7vX2mPz9Lw";

    @TempDir
    Path dir;

    private FakeInfisical fake;
    private FakeProject project;
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = FakeInfisical.builder().rateLimits(true).start();
        project = fake.createProject("homelab", "homelab", "7f3c2a10-0000-4000-8000-00000000aa01");
        project.putSecret("dev", "/", "ROOT_KEY", CANARY + "-root");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "APP_KEY", CANARY + "-app");
        project.putSecret("staging", "/app", "SHARED_KEY", CANARY + "-staging");
        project.addImport("dev", "/app", "staging", "/app");
    }

    @AfterEach
    void stop() {
        fake.close();
        String all = String.join("\n", printed);
        assertThat(all).doesNotContain("canary", "Kq7vX2m");
    }

    private List<Check> doctor(Map<String, String> env, Clock clock, String... args) {
        CommandLine cl = new CommandLine(new DoctorCommand());
        cl.parseArgs(args);
        DoctorCommand command = cl.getCommand();
        command.timeoutSeconds = 5;
        List<Check> checks = command.doctor(env, clock).run();
        printed.add(DoctorCommand.text(checks));
        printed.add(DoctorCommand.json(checks));
        assertThat(checks).extracting(Check::number).containsExactly(1, 2, 3, 4, 5, 6, 7);
        return checks;
    }

    private List<Check> doctor(String... args) {
        return doctor(Map.of(), Clock.systemUTC(), args);
    }

    private ServiceTokenCredentials token(String env, String path, Permission... permissions) {
        return project.createServiceToken("doctor", List.of(TokenScope.of(env, path)), Set.of(permissions));
    }

    private UniversalAuthCredentials identity() {
        return project.createUniversalAuthIdentity("doctor", Role.VIEWER, Duration.ofHours(1), Duration.ofHours(24));
    }

    private static Check check(List<Check> checks, int number) {
        return checks.get(number - 1);
    }

    private static List<Status> statuses(List<Check> checks) {
        return checks.stream().map(Check::status).toList();
    }

    // ---------------------------------------------------------------- happy paths

    @Test
    void aGlobServiceTokenOnAnExistingSubPathPassesEveryCheck() {
        ServiceTokenCredentials st = token("dev", "/**", Permission.READ);

        List<Check> checks = doctor("--host-api", fake.apiUrl(), "--token", st.token(), "--path", "/app");

        assertThat(statuses(checks)).as(DoctorCommand.text(checks)).containsExactly(Status.PASS, Status.PASS,
                Status.PASS, Status.PASS, Status.PASS, Status.PASS, Status.PASS);
        assertThat(check(checks, 2).message()).contains("service token \"doctor\"", "dev:/**");
        assertThat(check(checks, 3).message()).contains(project.id());
        assertThat(check(checks, 4).details()).contains("dev:/app exists");
        assertThat(check(checks, 5).details()).anyMatch(d -> d.contains("read-only"));
        assertThat(check(checks, 6).details()).anyMatch(d -> d.contains("imports 1 from staging:/app (SHARED_KEY)"))
                .anyMatch(d -> d.contains("no root secrets are inherited into /app"));
        assertThat(check(checks, 7).details()).anyMatch(d -> d.matches("rate limits: \\d+ of 60 requests left.*"));
        assertThat(DoctorCommand.failed(checks)).isFalse();
    }

    @Test
    void aMachineIdentityPassesAndTokenScopeIsSkippedForIt() {
        UniversalAuthCredentials ua = identity();

        List<Check> checks = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret()), Clock.systemUTC(),
                "--host-api", fake.url(), "--project-id", project.id(), "--env", "dev", "--path", "/app");

        assertThat(statuses(checks)).as(DoctorCommand.text(checks)).containsExactly(Status.PASS, Status.PASS,
                Status.PASS, Status.PASS, Status.SKIP, Status.PASS, Status.PASS);
        assertThat(check(checks, 2).message()).contains("universal auth");
        assertThat(check(checks, 7).details()).anyMatch(d -> d.startsWith("clock:"));
    }

    // ---------------------------------------------------------------- 1 host

    @Test
    void nothingListeningAtTheHostFailsCheckOneAndSkipsTheRest() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServiceTokenCredentials st = token("dev", "/**", Permission.READ);

        List<Check> checks = doctor("--host-api", "http://127.0.0.1:" + port, "--token", st.token());

        assertThat(check(checks, 1).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 1).message()).contains("connection refused by 127.0.0.1:" + port);
        assertThat(checks.subList(1, 7)).allMatch(c -> c.status() == Status.SKIP);
        assertThat(DoctorCommand.failed(checks)).isTrue();
    }

    @Test
    void aHostThatIsNotInfisicalIsNamedAsSuch() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", ex -> {
            byte[] page = "<html><body>Not here</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(404, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        web.start();
        try {
            List<Check> checks = doctor("--host-api", "http://127.0.0.1:" + web.getAddress().getPort(),
                    "--token", token("dev", "/**", Permission.READ).token());

            assertThat(check(checks, 1).status()).isEqualTo(Status.FAIL);
            assertThat(check(checks, 1).message()).contains("answered 404 (an HTML page)", "not an Infisical API root");
        } finally {
            web.stop(0);
        }
    }

    @Test
    void apiUnderAWrongPrefixOrDoubledIsFoundAndTheRightRootNamed() {
        ServiceTokenCredentials st = token("dev", "/**", Permission.READ);

        List<Check> prefixed = doctor("--host-api", fake.url() + "/infisical", "--token", st.token());
        List<Check> doubled = doctor("--host-api", fake.url() + "/api/api", "--token", st.token());

        assertThat(check(prefixed, 1).status()).isEqualTo(Status.FAIL);
        assertThat(check(prefixed, 1).message()).contains("the API answers at " + fake.url() + "/api instead");
        assertThat(check(prefixed, 1).fix()).contains("--host-api " + fake.url() + "/api");
        assertThat(check(doubled, 1).status()).isEqualTo(Status.FAIL);
        assertThat(check(doubled, 1).message()).contains("names /api twice");
        assertThat(check(doubled, 1).fix()).isEqualTo("use --host-api " + fake.url() + "/api");
    }

    @Test
    void anUntrustedCertificateIsNamedAsATlsProblem() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, "changeit".toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        https.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        https.start();
        try {
            List<Check> checks = doctor("--host-api", "https://localhost:" + https.getAddress().getPort(),
                    "--token", token("dev", "/**", Permission.READ).token());

            assertThat(check(checks, 1).status()).isEqualTo(Status.FAIL);
            assertThat(check(checks, 1).message()).contains("TLS: the certificate of localhost is not trusted");
            assertThat(check(checks, 1).fix()).contains("javax.net.ssl.trustStore");
        } finally {
            https.stop(0);
        }
    }

    @Test
    void plainHttpIsOnlyAcceptedQuietlyForLoopback() {
        assertThat(Doctor.isLoopback("127.0.0.1")).isTrue();
        assertThat(Doctor.isLoopback("localhost")).isTrue();
        assertThat(Doctor.isLoopback("[::1]")).isTrue();
        assertThat(Doctor.isLoopback("10.0.0.5")).isFalse();
        assertThat(Doctor.isLoopback("infisical.example.com")).isFalse();
    }

    // ---------------------------------------------------------------- 2 auth

    @Test
    void aSnakeCaseCredentialsFolderFailsAuthWithTheRightKeyNamesButTheHostIsStillChecked() throws Exception {
        Path creds = Files.createDirectory(dir.resolve("creds"));
        UniversalAuthCredentials ua = identity();
        Files.writeString(creds.resolve("client_id"), ua.clientId());
        Files.writeString(creds.resolve("client_secret"), ua.clientSecret());
        for (Path f : List.of(creds.resolve("client_id"), creds.resolve("client_secret"))) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }

        List<Check> checks = doctor("--host-api", fake.apiUrl(), "--credentials-dir", creds.toString(),
                "--project-id", project.id(), "--env", "dev");

        assertThat(check(checks, 1).status()).isEqualTo(Status.PASS);
        assertThat(check(checks, 2).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 2).message()).contains("clientId");
        assertThat(check(checks, 2).fix()).contains("clientId and clientSecret", "infisicalToken");
        assertThat(checks.subList(2, 6)).allMatch(c -> c.status() == Status.SKIP);
    }

    @Test
    void twoAuthMethodsFailAuth() {
        UniversalAuthCredentials ua = identity();

        List<Check> checks = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret(),
                        "INFISICAL_MACHINE_IDENTITY_ID", "11111111-2222-3333-4444-555555555555"), Clock.systemUTC(),
                "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "dev");

        assertThat(check(checks, 2).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 2).fix()).contains("exactly one auth method");
    }

    @Test
    void aDisabledOrDeletedIdentityIsExplainedAsSuch() {
        UniversalAuthCredentials ua = identity();
        project.deleteIdentity(ua.identityId());

        List<Check> checks = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret()), Clock.systemUTC(),
                "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "dev");

        assertThat(check(checks, 1).status()).isEqualTo(Status.PASS);
        assertThat(check(checks, 2).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 2).message()).contains("No identity with specified client ID was found");
        assertThat(check(checks, 2).fix()).contains("deleted or disabled", "wrong --host-api");
    }

    @Test
    void anExpiredClientSecretAndAWrongOneGetTheirOwnCause() {
        UniversalAuthCredentials expiring = project.createUniversalAuthIdentity("short", Role.VIEWER,
                Duration.ofHours(1), Duration.ofHours(24), UniversalAuthLimits.NONE.withClientSecretTtl(Duration.ofMinutes(5)));
        fake.clock().advance(Duration.ofMinutes(10));

        List<Check> expired = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", expiring.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", expiring.clientSecret()), fake.clock(),
                "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "dev");
        UniversalAuthCredentials ua = identity();
        List<Check> wrong = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", CANARY + "-wrong-secret-0123456789"), fake.clock(),
                "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "dev");

        assertThat(check(expired, 2).status()).isEqualTo(Status.FAIL);
        assertThat(check(expired, 2).fix()).contains("client secret has expired");
        assertThat(check(wrong, 2).status()).isEqualTo(Status.FAIL);
        assertThat(check(wrong, 2).message()).contains("Invalid credentials");
        assertThat(check(wrong, 2).fix()).contains("wrong or was revoked", "another server");
    }

    // ---------------------------------------------------------------- 3 project

    @Test
    void noProjectForAMachineIdentityGetsTheNotConnectedFix() {
        UniversalAuthCredentials ua = identity();

        List<Check> checks = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret()), Clock.systemUTC(),
                "--host-api", fake.apiUrl(), "--env", "dev");

        assertThat(check(checks, 3).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 3).message()).contains("not yet connected this project");
        assertThat(check(checks, 3).fix()).contains("--project-id", "--env", "no .infisical.json");
    }

    @Test
    void aServiceTokenOfAnotherProjectAndAnUnknownProjectFail() {
        ServiceTokenCredentials st = token("dev", "/**", Permission.READ);
        UniversalAuthCredentials ua = identity();

        List<Check> mismatch = doctor("--host-api", fake.apiUrl(), "--token", st.token(),
                "--project-id", "00000000-0000-4000-8000-000000000000");
        List<Check> unknown = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret()), Clock.systemUTC(),
                "--host-api", fake.apiUrl(), "--project-slug", "no-such-project", "--env", "dev");

        assertThat(check(mismatch, 3).status()).isEqualTo(Status.FAIL);
        assertThat(check(mismatch, 3).message()).contains("belongs to project " + project.id());
        assertThat(check(unknown, 3).status()).isEqualTo(Status.FAIL);
        assertThat(check(unknown, 3).message()).contains("no-such-project");
    }

    // ---------------------------------------------------------------- 4 folders

    @Test
    void aMissingFolderFailsWithTheCommandThatCreatesIt() {
        UniversalAuthCredentials ua = identity();

        List<Check> checks = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret()), Clock.systemUTC(),
                "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "dev", "--path", "/app,/app/db/main");

        assertThat(check(checks, 4).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 4).details()).contains("dev:/app exists",
                "Folder with path '/app/db' not found in dev (needed for /app/db/main)");
        assertThat(check(checks, 4).fix()).contains("infisical-pro folders create /app/db/main --parents --env dev");
        assertThat(check(checks, 6).status()).isEqualTo(Status.SKIP);
    }

    @Test
    void anUnknownEnvironmentFailsTheFolderCheck() {
        UniversalAuthCredentials ua = identity();

        List<Check> checks = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret()), Clock.systemUTC(),
                "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "production");

        assertThat(check(checks, 3).status()).isEqualTo(Status.PASS);
        assertThat(check(checks, 4).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 4).message()).contains("\"production\"");
    }

    // ---------------------------------------------------------------- 5 token scope

    @Test
    void aRootScopedTokenWithASubPathFailsWithTheExactTokenToCreate() {
        ServiceTokenCredentials st = token("dev", "/", Permission.READ, Permission.WRITE);

        List<Check> checks = doctor("--host-api", fake.apiUrl(), "--token", st.token(), "--path", "/app");

        assertThat(check(checks, 5).status()).as(DoctorCommand.text(checks)).isEqualTo(Status.FAIL);
        assertThat(check(checks, 5).message()).contains("scoped to dev:/ without a glob", "silently return /'s secrets");
        assertThat(check(checks, 5).fix()).contains("scope dev:/app/** and permission read+write",
                "type the path literally");
        assertThat(check(checks, 6).status()).isEqualTo(Status.SKIP);
    }

    @Test
    void aSubtreeTokenAskedForAnotherPathFailsAndRecursiveReadsWarn() {
        ServiceTokenCredentials other = token("dev", "/other/**", Permission.READ);
        ServiceTokenCredentials app = token("dev", "/app", Permission.READ);

        List<Check> outside = doctor("--host-api", fake.apiUrl(), "--token", other.token(), "--path", "/app");
        List<Check> recursive = doctor("--host-api", fake.apiUrl(), "--token", app.token(), "--path", "/app",
                "--recursive");

        assertThat(check(outside, 5).status()).isEqualTo(Status.FAIL);
        assertThat(check(outside, 5).message()).contains("outside the token's scopes", "403");
        assertThat(check(recursive, 5).status()).isEqualTo(Status.WARN);
        assertThat(check(recursive, 5).message()).contains("never descend");
        assertThat(Doctor.matches("/app/**", "/app")).isTrue();
        assertThat(Doctor.matches("/app/**", "/app/db")).isTrue();
        assertThat(Doctor.matches("/app/**", "/apple")).isFalse();
        assertThat(Doctor.matches("/**", "/x/y")).isTrue();
    }

    // ---------------------------------------------------------------- 7 limits and clock

    @Test
    void a429IsReportedWithItsRetryAfterAndWhyLimitsAreShared() {
        UniversalAuthCredentials ua = identity();
        fake.faults().next("GET", "/api/v3/secrets/raw", 5, Fault.rateLimited(Duration.ofSeconds(60)));

        List<Check> checks = doctor(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret()), Clock.systemUTC(),
                "--host-api", fake.apiUrl(), "--project-id", project.id(), "--env", "dev", "--path", "/app");

        assertThat(check(checks, 6).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 7).status()).isEqualTo(Status.FAIL);
        assertThat(check(checks, 7).message()).contains("429", "retry after 60 s");
        assertThat(check(checks, 7).fix()).contains("per route and client IP");
    }

    @Test
    void littleHeadroomWarns() throws Exception {
        ServiceTokenCredentials st = token("dev", "/**", Permission.READ);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String bearer = st.bearer();
        for (int i = 0; i < 50; i++) { // bounded: 50 loopback requests use up most of the route's 60/min
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.apiUrl() + "/v2/service-token"))
                    .header("Authorization", "Bearer " + bearer).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }

        List<Check> checks = doctor("--host-api", fake.apiUrl(), "--token", st.token());

        assertThat(check(checks, 7).status()).as(DoctorCommand.text(checks)).isEqualTo(Status.WARN);
        assertThat(check(checks, 7).message()).contains("little rate-limit headroom");
    }

    @Test
    void aServerClockTenMinutesAwayWarns() {
        ServiceTokenCredentials st = token("dev", "/**", Permission.READ);
        fake.clock().advance(Duration.ofMinutes(10));

        List<Check> checks = doctor("--host-api", fake.apiUrl(), "--token", st.token());

        assertThat(check(checks, 7).status()).isEqualTo(Status.WARN);
        assertThat(check(checks, 7).message()).contains("clock is 10 min behind the server");
        assertThat(check(checks, 7).fix()).contains("timedatectl set-ntp true");
    }

    @Test
    void jsonCarriesEveryCheckAndTheOverallVerdict() throws Exception {
        ServiceTokenCredentials st = token("dev", "/", Permission.READ);
        List<Check> checks = doctor("--host-api", fake.apiUrl(), "--token", st.token(), "--path", "/app");

        JsonNode json = new ObjectMapper().readTree(DoctorCommand.json(checks));

        assertThat(json.path("ok").asBoolean()).isFalse();
        assertThat(json.path("checks")).hasSize(7);
        assertThat(json.path("checks").path(4).path("status").asText()).isEqualTo("FAIL");
        assertThat(json.path("checks").path(4).path("fix").asText()).contains("dev:/app/**");
    }
}
