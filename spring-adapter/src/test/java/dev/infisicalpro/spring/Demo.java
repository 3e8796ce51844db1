package dev.infisicalpro.spring;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.ServiceTokenCredentials;
import dev.infisicalpro.testkit.TokenScope;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A FakeInfisical seeded like a small app: project, dev and prod, folders /app and /shared, a /** token. */
public final class Demo implements AutoCloseable {

    /** Canary: must never appear in logs, messages or actuator output. */
    public static final String CANARY = "canary-9f3e-DO-NOT-LEAK";

    public final FakeInfisical fake;
    public final FakeProject project;
    public final ServiceTokenCredentials token;

    public Demo() {
        fake = FakeInfisical.start();
        project = fake.createProject("demo");
        project.createFolder("dev", "/app");
        project.createFolder("dev", "/shared");
        project.createFolder("prod", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", CANARY);
        project.putSecret("dev", "/app", "SPRING_DATASOURCE_PASSWORD", "ds-" + CANARY);
        project.putSecret("dev", "/app", "API_KEY", "key-1");
        project.putSecret("dev", "/app", "APP_API_KEY", "app-key-1");
        project.putSecret("dev", "/app", "APP_TIMEOUT", "PT5S");
        project.putSecret("dev", "/shared", "REGION", "eu-shared");
        project.putSecret("dev", "/shared", "API_KEY", "shared-key");
        project.putSecret("prod", "/app", "DB_PASSWORD", "prod-password");
        token = project.createServiceToken("spring", List.of(TokenScope.of("dev", "/**"), TokenScope.of("prod", "/**")),
                EnumSet.of(Permission.READ));
    }

    /** The properties an app needs for {@code spring.config.import=infisical:/app}. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("infisical.host-api", fake.url());
        p.put("infisical.project-id", project.id());
        p.put("infisical.env-slug", "dev");
        p.put("infisical.auth.service-token", token.token());
        p.put("infisical.resync-interval", "0");
        return p;
    }

    public String[] args(String... more) {
        List<String> out = new ArrayList<>();
        properties().forEach((k, v) -> out.add("--" + k + "=" + v));
        for (String m : more) {
            out.add("--" + m);
        }
        return out.toArray(new String[0]);
    }

    @Override
    public void close() {
        fake.close();
    }

    /** Captures java.util.logging records of a logger (System.Logger's default backend). */
    public static final class LogCapture extends Handler implements AutoCloseable {
        public final List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Logger logger;

        public LogCapture(String name) {
            logger = Logger.getLogger(name);
            logger.addHandler(this);
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        public List<String> messages(Level atLeast) {
            List<String> out = new ArrayList<>();
            synchronized (records) {
                for (LogRecord r : records) {
                    if (r.getLevel().intValue() >= atLeast.intValue()) {
                        out.add(new java.util.logging.SimpleFormatter().formatMessage(r));
                    }
                }
            }
            return out;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
