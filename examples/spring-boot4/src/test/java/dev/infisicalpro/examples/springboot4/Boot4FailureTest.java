package dev.infisicalpro.examples.springboot4;

import dev.infisicalpro.spring.boot.InfisicalConfigDataException;
import dev.infisicalpro.spring.boot.InfisicalFailureAnalyzer;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The failure analyzer on Boot 4: a scope mismatch stops startup with the fix. */
class Boot4FailureTest {

    @Test
    void scopeMismatchStopsStartupWithTheFix() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            p.createFolder("dev", "/app");
            p.createFolder("dev", "/other");
            String token = p.createServiceToken("narrow", List.of(TokenScope.of("dev", "/app")),
                    EnumSet.of(Permission.READ)).token();

            Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Boot4Application.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.config.import=infisical:/other", "--infisical.host-api=" + fake.url(),
                            "--infisical.env-slug=dev", "--infisical.auth.service-token=" + token));

            assertThat(failure).isInstanceOf(InfisicalConfigDataException.class);
            FailureAnalysis analysis = new InfisicalFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("infisical:/other", "ScopeMismatchException")
                    .doesNotContain(token);
            assertThat(analysis.getAction()).contains("/**");
        }
    }
}
