package dev.infisicalpro.spring.boot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the live pool credentials: on with HikariCP on the class path, off with the opt-out property.
 * The pool itself, against a real PostgreSQL, is exercised by examples/spring-boot-rotation.
 */
class InfisicalDataSourceCredentialsAutoConfigurationTest extends ImportTestBase {

    @Test
    void onByDefaultWhenHikariIsPresent() {
        run(demo.args("spring.config.import=infisical:/app"));
        assertThat(context.getBeansOfType(InfisicalDataSourceCredentials.class)).hasSize(1);
    }

    @Test
    void theOptOutPropertyTurnsItOff() {
        run(demo.args("spring.config.import=infisical:/app", "infisical.datasource.refresh-credentials=false"));
        assertThat(context.getBeansOfType(InfisicalDataSourceCredentials.class)).isEmpty();
    }
}
