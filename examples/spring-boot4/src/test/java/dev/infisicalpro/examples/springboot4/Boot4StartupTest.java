package dev.infisicalpro.examples.springboot4;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Startup behaviour that depends on Boot internals, on Boot 4. */
@ExtendWith(OutputCaptureExtension.class)
class Boot4StartupTest {

    @Test
    void anOptionalYamlListImportWithInvalidSettingsStartsWithoutAClientAndSaysSoOnTheConsole(CapturedOutput output) {
        // as in a fresh JVM: logging not initialised yet, so only Boot's deferred log reaches the console
        LoggingSystem.get(getClass().getClassLoader()).cleanUp();
        // credentials but no environment: the import is skipped; spring.config.import[0] is how a YAML list
        // arrives, and the auto-configuration must see it and not build a client of its own either
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Boot4Application.class)
                .web(WebApplicationType.NONE)
                .run("--spring.config.name=no-application-yml", "--spring.config.import[0]=optional:infisical:/app",
                        "--infisical.host-api=http://127.0.0.1:9", "--infisical.project-id=p",
                        "--infisical.auth.client-id=id", "--infisical.auth.client-secret=" + SECRET,
                        "--DB_PASSWORD=from-args", "--API_KEY=from-args")) {

            assertThat(context.getBeansOfType(InfisicalClient.class)).isEmpty();
        }
        assertThat(output.getOut()).contains("Skipping optional:infisical:/app", "infisical.env-slug");
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    private static final String SECRET = "boot4-client-secret-canary";

    @Test
    void secretsNamedLikeBootSettingsNeitherImportNorActivateProfiles() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            p.createFolder("dev", "/app");
            p.putSecret("dev", "/app", "DB_PASSWORD", "boot4-secret");
            p.putSecret("dev", "/app", "API_KEY", "boot4-key");
            p.putSecret("dev", "/app", "SPRING_CONFIG_IMPORT", "classpath:/no-such-file-from-a-secret.properties");
            p.putSecret("dev", "/app", "SPRING_PROFILES_ACTIVE", "from-a-secret");
            String token = p.createServiceToken("t", List.of(TokenScope.of("dev", "/**")),
                    EnumSet.of(Permission.READ)).token();

            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Boot4Application.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.config.import=infisical:/app", "--infisical.host-api=" + fake.url(),
                            "--infisical.env-slug=dev", "--infisical.auth.service-token=" + token,
                            "--infisical.resync-interval=0")) {
                assertThat(context.getEnvironment().getActiveProfiles()).doesNotContain("from-a-secret");
                assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("boot4-secret");
            }
        }
    }
}
