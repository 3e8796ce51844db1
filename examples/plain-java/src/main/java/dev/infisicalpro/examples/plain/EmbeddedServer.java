package dev.infisicalpro.examples.plain;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The demo's embedded Infisical: a {@link FakeInfisical} seeded with a small project. */
final class EmbeddedServer implements AutoCloseable {

    private final FakeInfisical fake;
    private final FakeProject project;
    private final ServiceTokenCredentials token;

    private EmbeddedServer(FakeInfisical fake) {
        this.fake = fake;
        this.project = fake.createProject("demo");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", "demo-db-password");
        project.putSecret("dev", "/app", "API_KEY", "demo-api-key-123");
        project.putSecret("dev", "/app", "GREETING", "Hello from ${dev.PRODUCT}");
        project.putSecret("dev", "/", "PRODUCT", "Infisical Pro for Java");
        project.createFolder("dev", "/shared");
        project.putSecret("dev", "/shared", "LOG_LEVEL", "info");
        project.addImport("dev", "/app", "dev", "/shared");
        // Scoped to /** on purpose: a token scoped to "/" would pin every read to the root folder.
        this.token = project.createServiceToken("demo", List.of(TokenScope.of("dev", "/**")),
                EnumSet.of(Permission.READ, Permission.WRITE));
    }

    static EmbeddedServer start() {
        return new EmbeddedServer(FakeInfisical.builder().build().start());
    }

    String apiUrl() {
        return fake.apiUrl();
    }

    /** The configuration contract's settings pointing at this server. */
    Map<String, String> settings() {
        return Map.of(
                "infisical.host-api", fake.apiUrl(),
                "infisical.auth.service-token", token.token(),
                "infisical.env-slug", "dev",
                "infisical.secrets-path", "/app");
    }

    @Override
    public void close() {
        fake.close();
    }
}
