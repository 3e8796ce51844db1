package dev.infisicalpro.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Actuator support, active only when actuator is on the class path: the {@code infisical} health
 * contributor (Boot 3 and Boot 4 health APIs; off with {@code management.health.infisical.enabled=false}, or
 * with {@code management.health.defaults.enabled=false} unless the former is {@code true}) and the
 * {@link InfisicalSanitizingFunction} that masks Infisical values in {@code /actuator/env} and
 * {@code /actuator/configprops}.
 *
 * <pre>{@code
 * management.endpoints.web.exposure.include=health,env
 * management.health.infisical.enabled=true   # the default; false removes the contributor
 * }</pre>
 */
@AutoConfiguration(after = InfisicalAutoConfiguration.class)
@ConditionalOnProperty(name = "infisical.enabled", havingValue = "true", matchIfMissing = true)
public class InfisicalActuatorAutoConfiguration {
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalActuatorAutoConfiguration() {
    }

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
    @Conditional(OnInfisicalHealthEnabled.class)
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
    @Conditional(OnInfisicalHealthEnabled.class)
    @Import(InfisicalBoot4Health.class)
    static class Boot4Health {
    }

    /**
     * Boot's {@code @ConditionalOnEnabledHealthIndicator("infisical")}, which moved package in Boot 4
     * ({@code org.springframework.boot.health.autoconfigure.contributor}), so one jar cannot name it:
     * {@code management.health.infisical.enabled} if set, else {@code management.health.defaults.enabled},
     * else on.
     */
    static final class OnInfisicalHealthEnabled extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String own = context.getEnvironment().getProperty("management.health.infisical.enabled");
            if (own != null) {
                return Boolean.parseBoolean(own.trim()) ? ConditionOutcome.match("management.health.infisical.enabled=true")
                        : ConditionOutcome.noMatch("management.health.infisical.enabled=false");
            }
            boolean defaults = context.getEnvironment().getProperty("management.health.defaults.enabled", Boolean.class,
                    true);
            return defaults ? ConditionOutcome.match("health indicators enabled by default")
                    : ConditionOutcome.noMatch("management.health.defaults.enabled=false");
        }
    }
}
