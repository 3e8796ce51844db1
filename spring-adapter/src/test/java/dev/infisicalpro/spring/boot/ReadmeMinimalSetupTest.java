package dev.infisicalpro.spring.boot;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README promises a three-line Spring Boot setup with no secret in the file. This runs exactly
 * those lines ({@code readme-minimal.properties}) against FakeInfisical: project and environment come
 * from the service token (one {@code dev:/**} scope), host and token from the process environment.
 */
class ReadmeMinimalSetupTest {

    private final FakeInfisical fake = FakeInfisical.start();
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        fake.close();
        System.clearProperty("INFISICAL_API_URL");
        System.clearProperty("INFISICAL_TOKEN");
    }

    @Test
    void threeLinesOfConfigurationAreEnoughForValueInjection() {
        FakeProject project = fake.createProject("readme");
        project.putSecret("dev", "/app", "DB_PASSWORD", "from-the-readme-setup");
        String token = project.createServiceToken("readme", List.of(TokenScope.of("dev", "/**")),
                EnumSet.of(Permission.READ)).token();
        // stand-ins for the environment variables a deployment would set
        System.setProperty("INFISICAL_API_URL", fake.url());
        System.setProperty("INFISICAL_TOKEN", token);

        context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                .run("--spring.config.location=classpath:/readme-minimal.properties",
                        "--infisical.resync-interval=0");

        assertThat(context.getBean(TestApp.PasswordHolder.class).password()).isEqualTo("from-the-readme-setup");
        assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo("from-the-readme-setup");
    }
}
