package dev.infisicalpro.examples.quarkus;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Entry point. Quarkus builds its configuration, and so calls the Infisical
 * {@code ConfigSourceFactory}, before any CDI bean exists; so the embedded demo server has to be
 * running, and its address set, before {@link Quarkus#run}. When a server is configured anywhere
 * Quarkus would read it from ({@code INFISICAL_API_URL} or {@code INFISICAL_HOST_API} in the
 * environment, {@code -Dinfisical.host-api}, or {@code infisical.host-api} in
 * {@code application.properties} or {@code config/application.properties}, any profile), the app
 * uses that server and starts no demo server: the demo's system properties would otherwise override it.
 *
 * <pre>{@code
 * java -jar target/quarkus-app/quarkus-run.jar                  # embedded FakeInfisical
 * INFISICAL_API_URL=https://infisical.example.com INFISICAL_TOKEN=st.... \
 *     java -jar target/quarkus-app/quarkus-run.jar              # a real server
 * }</pre>
 */
@QuarkusMain
public class Main {

    static final String HOST_PROPERTY = "infisical.host-api";

    /** Starts the embedded demo server when no server is configured, then Quarkus. */
    public static void main(String... args) {
        Optional<String> configured = configuredServer(System::getenv, System.getProperties(),
                Main.class.getClassLoader(), Path.of(""));
        if (configured.isPresent()) {
            System.out.println("Infisical server configured by " + configured.get()
                    + ": not starting the embedded demo FakeInfisical");
            Quarkus.run(args);
            return;
        }
        try (DemoInfisical.Embedded demo = DemoInfisical.start()) {
            // System properties (ordinal 400) are visible to the factory's ConfigSourceContext.
            demo.properties().forEach(System::setProperty);
            System.out.println("No Infisical server configured (INFISICAL_API_URL, INFISICAL_HOST_API, "
                    + HOST_PROPERTY + "): using an embedded FakeInfisical at "
                    + demo.server().apiUrl() + " with demo data (project " + demo.project().slug()
                    + ", environment " + DemoInfisical.ENVIRONMENT + ", folder " + DemoInfisical.APP_FOLDER
                    + " importing " + DemoInfisical.SHARED_FOLDER
                    + ", a read-only service token scoped to dev:/**). Set INFISICAL_API_URL and"
                    + " INFISICAL_TOKEN (or universal-auth credentials) to use a real server.");
            Quarkus.run(args);
        }
    }

    /**
     * Where a server address is set, if anywhere: the name of the setting (never its value's
     * credentials; an address is not secret, but only the setting's name is reported).
     *
     * @param environment   environment variables
     * @param system        system properties
     * @param loader        where {@code application.properties} is looked up
     * @param workingDir    where {@code config/application.properties} is looked up
     */
    static Optional<String> configuredServer(Function<String, String> environment, Properties system,
                                             ClassLoader loader, Path workingDir) {
        for (String variable : List.of("INFISICAL_API_URL", "INFISICAL_HOST_API")) {
            if (!isBlank(environment.apply(variable))) {
                return Optional.of("the environment variable " + variable);
            }
        }
        if (!isBlank(system.getProperty(HOST_PROPERTY))) {
            return Optional.of("the system property " + HOST_PROPERTY);
        }
        List<Properties> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources("application.properties"))) {
                try (InputStream in = url.openStream()) {
                    files.add(load(in));
                    names.add("application.properties");
                }
            }
            Path external = workingDir.resolve("config").resolve("application.properties");
            if (Files.isRegularFile(external)) {
                try (InputStream in = Files.newInputStream(external)) {
                    files.add(load(in));
                    names.add(external.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading application.properties", e);
        }
        for (int i = 0; i < files.size(); i++) {
            for (Map.Entry<Object, Object> e : files.get(i).entrySet()) {
                String key = e.getKey().toString();
                boolean hostKey = key.equals(HOST_PROPERTY)
                        || (key.startsWith("%") && key.endsWith("." + HOST_PROPERTY)); // %prod.infisical.host-api
                if (hostKey && !isBlank(e.getValue().toString())) {
                    return Optional.of(key + " in " + names.get(i));
                }
            }
        }
        return Optional.empty();
    }

    private static Properties load(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return p;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
