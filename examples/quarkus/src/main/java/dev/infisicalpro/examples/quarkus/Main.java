package dev.infisicalpro.examples.quarkus;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Quarkus builds its configuration, and so calls the Infisical
 * {@code ConfigSourceFactory}, before any CDI bean exists; so the embedded demo server has to be
 * running, and its address set, before {@link Quarkus#run}. With {@code INFISICAL_API_URL} set
 * (plus {@code INFISICAL_TOKEN} or universal-auth credentials) the app uses that server instead.
 *
 * <pre>{@code
 * java -jar target/quarkus-app/quarkus-run.jar                  # embedded FakeInfisical
 * INFISICAL_API_URL=https://infisical.example.com INFISICAL_TOKEN=st.... \
 *     java -jar target/quarkus-app/quarkus-run.jar              # a real server
 * }</pre>
 */
@QuarkusMain
public class Main {

    /** Starts the embedded demo server when no server is configured, then Quarkus. */
    public static void main(String... args) {
        if (isBlank(System.getenv("INFISICAL_API_URL")) && isBlank(System.getProperty("infisical.host-api"))) {
            try (DemoInfisical.Embedded demo = DemoInfisical.start()) {
                // System properties (ordinal 400) are visible to the factory's ConfigSourceContext.
                demo.properties().forEach(System::setProperty);
                System.out.println("INFISICAL_API_URL is not set: using an embedded FakeInfisical at "
                        + demo.server().apiUrl() + " with demo data (project " + demo.project().slug()
                        + ", environment " + DemoInfisical.ENVIRONMENT + ", folder " + DemoInfisical.APP_FOLDER
                        + " importing " + DemoInfisical.SHARED_FOLDER
                        + ", a read-only service token scoped to dev:/**). Set INFISICAL_API_URL and"
                        + " INFISICAL_TOKEN (or universal-auth credentials) to use a real server.");
                Quarkus.run(args);
            }
        } else {
            Quarkus.run(args);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
