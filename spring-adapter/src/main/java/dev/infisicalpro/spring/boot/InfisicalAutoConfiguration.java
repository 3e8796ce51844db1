package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.InfisicalPropertySources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Makes the {@link InfisicalClient} and {@link LiveSecrets} behind {@code spring.config.import=infisical:}
 * injectable (the very instances the import uses, closed with the context), publishes
 * {@link dev.infisicalpro.spring.InfisicalSecretsChangedEvent} after refreshes and, when
 * spring-cloud-context is present, refreshes {@code @RefreshScope} and {@code @ConfigurationProperties}
 * beans. Without an import but with Infisical credentials configured it creates a client itself.
 * Off with {@code infisical.enabled=false}.
 *
 * <pre>{@code
 * @Service
 * class Rotator {
 *     Rotator(LiveSecrets live) { live.addListener(c -> ...); }
 * }
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnClass(InfisicalClient.class)
@ConditionalOnProperty(name = "infisical.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(InfisicalProperties.class)
public class InfisicalAutoConfiguration {
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalAutoConfiguration() {
    }

    private static final String CLOUD_EVENT = "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

    @Bean
    InfisicalImports infisicalImports(ConfigurableEnvironment environment, ApplicationContext context,
                                      ObjectProvider<InfisicalRefreshHook> cloudRefresh) {
        InfisicalRefreshHook refresh = cloudRefresh.getIfAvailable();
        BiConsumer<ApplicationContext, Set<String>> hook = refresh == null ? null : refresh::refresh;
        return new InfisicalImports(environment, context, hook);
    }

    /**
     * The import's client, or (no import, credentials configured) a client of the {@code infisical.*} settings.
     *
     * @param imports the context's {@code infisical:} imports
     * @param environment where the {@code infisical.*} settings are read when there is no import
     * @return the client; the import (or the context) closes it, so no destroy method is declared
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @Conditional(OnInfisicalUsable.class)
    public InfisicalClient infisicalClient(InfisicalImports imports, Environment environment) {
        return imports.client().orElseGet(() -> imports.adopt(InfisicalPropertySources.settings(environment).newClient()));
    }

    /**
     * The live view of the (first) import.
     *
     * @param imports the context's {@code infisical:} imports
     * @return the live view behind the first import's property source
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @Conditional(OnInfisicalImport.class)
    public LiveSecrets infisicalLiveSecrets(InfisicalImports imports) {
        return imports.live().orElseThrow(() -> new IllegalStateException(
                "the infisical: import started no live view (optional import whose settings were invalid)"));
    }

    /** Spring Cloud refresh of {@code @RefreshScope} / {@code @ConfigurationProperties} beans. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = CLOUD_EVENT)
    @ConditionalOnProperty(name = "spring.cloud.refresh.enabled", havingValue = "true", matchIfMissing = true)
    static class CloudRefreshConfiguration {
        @Bean
        InfisicalRefreshHook infisicalCloudRefresh() {
            return new InfisicalCloudRefresh();
        }
    }

    /** True when the environment holds a started Infisical import. */
    static final class OnInfisicalImport extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (context.getEnvironment() instanceof ConfigurableEnvironment env
                    && !InfisicalPropertySource.in(env).isEmpty()
                    && InfisicalPropertySource.in(env).stream().anyMatch(s -> dev.infisicalpro.spring.internal.LiveRegistry
                    .find(s.live()).isPresent())) {
                return ConditionOutcome.match("an infisical: import is active");
            }
            return ConditionOutcome.noMatch("no infisical: import");
        }
    }

    /** True with an import, or with Infisical credentials configured. */
    static final class OnInfisicalUsable extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome imported = new OnInfisicalImport().getMatchOutcome(context, metadata);
            if (imported.isMatch()) {
                return imported;
            }
            PropertyLookup props = InfisicalPropertySources.lookup(context.getEnvironment());
            if (declaresInfisicalImport(context.getEnvironment())) {
                // an optional import that could not start: do not fail startup here either
                return ConditionOutcome.noMatch("the infisical: import did not start");
            }
            PropertyLookup env = PropertyLookup.environmentVariables();
            try {
                if (InfisicalSettings.authConfigured(props, env)) {
                    InfisicalPropertySources.settings(context.getEnvironment());  // invalid settings: no client
                    return ConditionOutcome.match("Infisical credentials are configured");
                }
            } catch (RuntimeException | LinkageError e) {
                // the message may name a setting's value: the type only
                return ConditionOutcome.noMatch("Infisical settings could not be read (" + e.getClass().getName()
                        + "); no InfisicalClient bean");
            }
            return ConditionOutcome.noMatch("no infisical: import and no Infisical credentials");
        }

        // bound as a list: in YAML spring.config.import is often a list (import[0]), which getProperty misses
        static boolean declaresInfisicalImport(Environment environment) {
            try {
                return Binder.get(environment).bind("spring.config.import", Bindable.listOf(String.class))
                        .orElse(List.of()).stream().anyMatch(i -> i.contains(InfisicalConfigDataLocationResolver.PREFIX));
            } catch (RuntimeException e) {
                return String.valueOf(environment.getProperty("spring.config.import"))
                        .contains(InfisicalConfigDataLocationResolver.PREFIX);
            }
        }
    }
}
