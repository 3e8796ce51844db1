package dev.infisicalpro.examples.springboot;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The example's zero-setup mode: when no Infisical server is configured ({@code INFISICAL_API_URL} and
 * {@code infisical.host-api} unset), start an in-process {@link FakeInfisical} with demo data and point
 * the {@code infisical.*} settings at it through system properties, before Spring reads its config.
 */
public final class EmbeddedInfisical {

    private static final System.Logger LOG = System.getLogger(EmbeddedInfisical.class.getName());
    private static FakeInfisical fake;
    private static FakeProject project;

    private EmbeddedInfisical() {
    }

    /** Starts the embedded server unless a real one is configured; idempotent. */
    public static synchronized Optional<FakeInfisical> startIfNeeded() {
        if (fake == null && shouldStart(System.getenv(), System.getProperties())) {
            fake = FakeInfisical.start();
            project = fake.createProject("demo");
            ServiceTokenCredentials token = seed(project);
            System.setProperty("infisical.host-api", fake.url());
            System.setProperty("infisical.project-id", project.id());
            System.setProperty("infisical.env-slug", "dev");
            System.setProperty("infisical.auth.service-token", token.token());
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "embedded-infisical-stop"));
            LOG.log(System.Logger.Level.INFO, "INFISICAL_API_URL is not set: started an embedded FakeInfisical at "
                    + fake.url() + " with demo data (project demo, environment dev, folder /app); set "
                    + "INFISICAL_API_URL and credentials to use a real server");
        }
        return Optional.ofNullable(fake);
    }

    /** The embedded project, when the embedded server runs. */
    public static synchronized Optional<FakeProject> project() {
        return Optional.ofNullable(project);
    }

    /** True when neither the environment nor system properties name a server. */
    static boolean shouldStart(Map<String, String> env, Properties system) {
        String url = env.get("INFISICAL_API_URL");
        String host = system.getProperty("infisical.host-api");
        return (url == null || url.isBlank()) && (host == null || host.isBlank());
    }

    /** Demo data: what a small app keeps in Infisical. */
    static ServiceTokenCredentials seed(FakeProject p) {
        p.createFolder("dev", "/app");
        p.createFolder("dev", "/shared");
        p.putSecret("dev", "/app", "DB_PASSWORD", "demo-db-password");
        p.putSecret("dev", "/app", "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/demo");
        p.putSecret("dev", "/app", "SPRING_DATASOURCE_USERNAME", "demo");
        p.putSecret("dev", "/app", "SPRING_DATASOURCE_PASSWORD", "demo-datasource-password");
        p.putSecret("dev", "/app", "API_KEY", "demo-api-key-1");
        p.putSecret("dev", "/shared", "SUPPORT_EMAIL", "support@example.com");
        p.addImport("dev", "/app", "dev", "/shared");
        return p.createServiceToken("demo-app", List.of(TokenScope.of("dev", "/**")), EnumSet.of(Permission.READ));
    }
}
