package dev.infisicalpro.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Plain MicroProfile injection: nothing here knows about Infisical.
 *
 * <ul>
 *   <li>{@code db.password} is the Infisical secret {@code DB_PASSWORD} (dotted alias).</li>
 *   <li>{@code quarkus.datasource.password} is the secret {@code QUARKUS_DATASOURCE_PASSWORD}, mapped the
 *       way an environment variable would be. The example has no datasource extension (no database
 *       needed), so it reads the name as a plain property; with {@code quarkus-jdbc-*} + Agroal the
 *       datasource itself would read it from the same source.</li>
 *   <li>{@code greeting} comes from {@code /shared} through a secret import, through a
 *       {@link Provider} so each {@code get()} sees the latest refresh.</li>
 * </ul>
 */
@ApplicationScoped
public class AppSecrets {

    @ConfigProperty(name = "db.password")
    String dbPassword;

    @ConfigProperty(name = "quarkus.datasource.password")
    String datasourcePassword;

    @ConfigProperty(name = "greeting")
    Provider<String> greeting;

    /** Injected once at start-up. */
    public String dbPassword() {
        return dbPassword;
    }

    /** Injected once at start-up. */
    public String datasourcePassword() {
        return datasourcePassword;
    }

    /** Read at each call: a rotated value shows up after the next refresh. */
    public String greeting() {
        return greeting.get();
    }
}
