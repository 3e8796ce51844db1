package dev.infisicalpro.examples.quarkus;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The embedded demo server: a {@link FakeInfisical} seeded with a project, the {@code dev}
 * environment, an {@code /app} folder that imports {@code /shared}, and a read-only service token
 * scoped to {@code dev:/**}. Used by {@link Main} when no real server is configured, and by the
 * tests' {@code QuarkusTestResourceLifecycleManager}.
 *
 * <pre>{@code
 * try (DemoInfisical.Embedded demo = DemoInfisical.start()) {
 *     demo.properties();   // infisical.host-api, infisical.auth.service-token
 * }
 * }</pre>
 */
public final class DemoInfisical {

    /** Environment the demo data lives in (matches {@code infisical.env-slug} in application.properties). */
    public static final String ENVIRONMENT = "dev";
    /** Folder the app reads (matches {@code infisical.secrets-path}). */
    public static final String APP_FOLDER = "/app";
    /** Folder imported into {@link #APP_FOLDER}. */
    public static final String SHARED_FOLDER = "/shared";

    private DemoInfisical() {
    }

    /**
     * A running demo server and the settings that point the adapter at it.
     *
     * @param server     the fake server
     * @param project    the demo project (tests rotate secrets through it)
     * @param properties {@code infisical.host-api} and {@code infisical.auth.service-token}
     */
    public record Embedded(FakeInfisical server, FakeProject project, Map<String, String> properties)
            implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }

        @Override
        public String toString() {
            return "Embedded[" + server.apiUrl() + ", project " + project.slug() + "]";
        }
    }

    /** Starts the fake on a free loopback port and seeds the demo data. */
    public static Embedded start() {
        FakeInfisical fake = FakeInfisical.start();
        FakeProject project = fake.createProject("quarkus-demo");
        project.createFolder(ENVIRONMENT, APP_FOLDER);
        project.putSecret(ENVIRONMENT, APP_FOLDER, "DB_PASSWORD", "demo-db-password");
        project.putSecret(ENVIRONMENT, APP_FOLDER, "QUARKUS_DATASOURCE_PASSWORD", "demo-datasource-password");
        project.createFolder(ENVIRONMENT, SHARED_FOLDER);
        project.putSecret(ENVIRONMENT, SHARED_FOLDER, "GREETING", "hello from an imported Infisical secret");
        project.addImport(ENVIRONMENT, APP_FOLDER, ENVIRONMENT, SHARED_FOLDER);
        // A token scoped to a glob: a single fixed-path scope would make the server answer every read
        // with that folder (the service-token scope trap), which the client refuses.
        ServiceTokenCredentials token = project.createServiceToken("quarkus-demo",
                List.of(TokenScope.of(ENVIRONMENT, "/**")), EnumSet.of(Permission.READ));
        Map<String, String> properties = Map.of(
                "infisical.host-api", fake.apiUrl(),
                "infisical.auth.service-token", token.token());
        return new Embedded(fake, project, properties);
    }
}
