package dev.infisicalpro.examples.springboot;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The example's zero-setup mode: when no Infisical server is configured ({@code INFISICAL_API_URL},
 * {@code INFISICAL_HOST_API} and {@code infisical.host-api} unset, also in {@code application.properties}), start an in-process {@link FakeInfisical} with demo data and point
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
        if (fake != null) {
            return Optional.of(fake);
        }
        Optional<String> configured = configuredServer(System.getenv(), System.getProperties(), applicationProperties());
        if (configured.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "An Infisical server is configured (" + configured.get()
                    + "): not starting the embedded FakeInfisical");
            return Optional.empty();
        }
        fake = FakeInfisical.start();
        project = fake.createProject("demo");
        ServiceTokenCredentials token = seed(project);
        System.setProperty("infisical.host-api", fake.url());
        System.setProperty("infisical.project-id", project.id());
        System.setProperty("infisical.env-slug", "dev");
        System.setProperty("infisical.auth.service-token", token.token());
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "embedded-infisical-stop"));
        LOG.log(System.Logger.Level.INFO, "No Infisical server configured (INFISICAL_API_URL, INFISICAL_HOST_API,"
                + " the system property or application.properties' infisical.host-api): started an embedded"
                + " FakeInfisical at " + fake.url() + " with demo data (project demo, environment dev, folder /app)");
        return Optional.of(fake);
    }

    /** The embedded project, when the embedded server runs. */
    public static synchronized Optional<FakeProject> project() {
        return Optional.ofNullable(project);
    }

    /**
     * Where a real server is configured, if anywhere: the environment ({@code INFISICAL_API_URL}, or
     * {@code INFISICAL_HOST_API}, which Spring binds to {@code infisical.host-api}), the system property, or
     * {@code infisical.host-api} in the app's {@code application.properties} (the example suggests
     * uncommenting it; the embedded server's system properties would otherwise silently override it).
     */
    static Optional<String> configuredServer(Map<String, String> env, Properties system, Properties application) {
        if (isSet(env.get("INFISICAL_API_URL"))) {
            return Optional.of("environment variable INFISICAL_API_URL");
        }
        if (isSet(env.get("INFISICAL_HOST_API"))) {
            return Optional.of("environment variable INFISICAL_HOST_API");
        }
        if (isSet(system.getProperty("infisical.host-api"))) {
            return Optional.of("system property infisical.host-api");
        }
        if (isSet(application.getProperty("infisical.host-api"))) {
            return Optional.of("infisical.host-api in application.properties");
        }
        return Optional.empty();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** The app's {@code application.properties} from the class path (empty when there is none). */
    static Properties applicationProperties() {
        Properties p = new Properties();
        try (InputStream in = EmbeddedInfisical.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
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
