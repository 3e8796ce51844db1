package dev.infisicalpro.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Actuator support, active only when actuator is on the class path: the {@code infisical} health
 * contributor (Boot 3 and Boot 4 health APIs; off with {@code management.health.infisical.enabled=false}) and the
 * {@link InfisicalSanitizingFunction} that masks Infisical values in {@code /actuator/env} and
 * {@code /actuator/configprops}.
 */
@AutoConfiguration(after = InfisicalAutoConfiguration.class)
@ConditionalOnProperty(name = "infisical.enabled", havingValue = "true", matchIfMissing = true)
public class InfisicalActuatorAutoConfiguration {

    /** The masking function (any Boot line with actuator). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class Sanitizing {
        @Bean
        @ConditionalOnMissingBean
        InfisicalSanitizingFunction infisicalSanitizingFunction(ConfigurableEnvironment environment) {
            return new InfisicalSanitizingFunction(environment);
        }
    }

    /** Health on the Boot 3 health API ({@code org.springframework.boot.actuate.health}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
    @ConditionalOnProperty(name = "management.health.infisical.enabled", havingValue = "true", matchIfMissing = true)
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "infisicalHealthIndicator")
        InfisicalHealthIndicator infisicalHealthIndicator(ConfigurableEnvironment environment) {
            return new InfisicalHealthIndicator(environment);
        }
    }

    /** Health on the Boot 4 health API ({@code org.springframework.boot.health.contributor}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = InfisicalBoot4Health.INDICATOR)
    @ConditionalOnProperty(name = "management.health.infisical.enabled", havingValue = "true", matchIfMissing = true)
    @Import(InfisicalBoot4Health.class)
    static class Boot4Health {
    }
}
