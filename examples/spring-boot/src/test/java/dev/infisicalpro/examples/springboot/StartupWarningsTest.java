package dev.infisicalpro.examples.springboot;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Logback (spring-boot-starter-web), what the Infisical imports report while config data loads
 * (before Boot initialises logging, when Logback drops everything logged directly) reaches the console.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupWarningsTest {

    private static final String CANARY = "canary-console-7c1d";

    private FakeInfisical fake;
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void collisionPlainHttpAndOptionalImportDownWarningsReachTheConsoleWithoutValues(CapturedOutput output) throws IOException {
        fake = FakeInfisical.start();
        FakeProject p = fake.createProject("warnings");
        p.createFolder("dev", "/app");
        p.createFolder("dev", "/shared");
        p.putSecret("dev", "/app", "DB_PASSWORD", CANARY + "-upper");
        p.putSecret("dev", "/app", "db_password", CANARY + "-lower");     // both are db.password
        p.putSecret("dev", "/shared", "API_KEY", CANARY + "-shared");
        p.putSecret("dev", "/app", "API_KEY", CANARY + "-app");           // in both folders of one import
        String token = p.createServiceToken("warnings", List.of(TokenScope.of("dev", "/**")),
                EnumSet.of(Permission.READ)).token();
        // as in a fresh JVM: logging not initialised yet (another test's context may have done it)
        LoggingSystem.get(getClass().getClassLoader()).cleanUp();

        context = new SpringApplicationBuilder(DemoApplication.class).web(WebApplicationType.NONE).run(
                "--spring.config.import=infisical:/shared;/app,optional:infisical:/app?host-api=http://0.0.0.0:"
                        + freePort(),
                "--infisical.host-api=" + fake.url(), "--infisical.project-id=" + p.id(),
                "--infisical.env-slug=dev", "--infisical.auth.service-token=" + token,
                "--infisical.resync-interval=0");

        assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo(CANARY + "-upper");
        assertThat(output.getOut()).contains("secret name collision", "'db.password' <- DB_PASSWORD", "db_password")
                .contains("Secret keys defined in more than one path", "API_KEY (in /shared, /app)")
                .contains("could not be loaded at startup", "TransportException")
                // 0.0.0.0 reaches this machine but is not a loopback name: core warns at client creation
                .contains("uses plain http to a non-loopback host")
                .contains("loaded 3 secret(s) from dev:/shared,/app");
        assertThat(output.getAll()).doesNotContain(CANARY).doesNotContain(token);
    }
}
