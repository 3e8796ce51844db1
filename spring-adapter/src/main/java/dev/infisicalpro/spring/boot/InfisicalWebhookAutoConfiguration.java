package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.bus.InfisicalPushEvent;
import dev.infisicalpro.webhook.WebhookReceiver;
import dev.infisicalpro.webhook.WebhookStats;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.bus.jackson.RemoteApplicationEventScan;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Push refresh: an endpoint ({@code POST infisical.webhook.path}, default {@code /infisical/webhook}) that
 * receives Infisical's signed project webhooks and refreshes the live views of the {@code infisical:} imports
 * (and any {@link LiveSecrets} bean) at once. On only when {@code infisical.webhook.secret}
 * ({@code INFISICAL_WEBHOOK_SECRET}) is set; Spring MVC or WebFlux. With Spring Cloud Bus on the class path a
 * push is also published as an {@link InfisicalPushEvent} and every other instance refreshes its matching views
 * (each instance needs the key set, so that it has this configuration).
 *
 * <pre>{@code
 * infisical.webhook.secret=${INFISICAL_WEBHOOK_SECRET}
 * infisical.resync-interval=10m
 * }</pre>
 *
 * <p>Answers 204 (accepted or nothing to do), 401 (unsigned, bad signature, stale), 400 (malformed body),
 * 413 (over 64 KiB). With Spring Security, permit {@code POST} on the path and exempt it from CSRF (the
 * signature is the authentication); see the README.
 */
@AutoConfiguration(after = InfisicalAutoConfiguration.class)
@Conditional(InfisicalWebhookAutoConfiguration.OnWebhookSecret.class)
@ConditionalOnClass(WebhookReceiver.class)
@EnableConfigurationProperties(InfisicalWebhookProperties.class)
public class InfisicalWebhookAutoConfiguration {
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalWebhookAutoConfiguration() {
    }

    private static final String BUS_EVENT = "org.springframework.cloud.bus.event.RemoteApplicationEvent";
    // receivers by environment, for the infisical health contributor (weak: a closed context leaves nothing)
    private static final Map<Environment, WebhookReceiver> RECEIVERS = Collections.synchronizedMap(new WeakHashMap<>());

    /** Hands verified pushes to the bus instead of refreshing here. */
    @FunctionalInterface
    interface PushForwarder extends Consumer<dev.infisicalpro.webhook.WebhookEvent> {
    }

    /**
     * The receiver: the import's live views and every {@link LiveSecrets} bean, asked anew at each push.
     *
     * @param properties the {@code infisical.webhook.*} settings
     * @param environment whose Infisical property sources' live views are refreshed
     * @param liveBeans {@link LiveSecrets} beans of the context, also refreshed
     * @param forwarder the Spring Cloud Bus publisher, when the bus is in use
     * @return the receiver the endpoint hands requests to
     */
    @Bean
    @ConditionalOnMissingBean
    public WebhookReceiver infisicalWebhookReceiver(InfisicalWebhookProperties properties,
                                                    ConfigurableEnvironment environment,
                                                    ObjectProvider<LiveSecrets> liveBeans,
                                                    ObjectProvider<PushForwarder> forwarder) {
        WebhookReceiver.Builder builder = WebhookReceiver.builder();
        setting("infisical.webhook.secret", () -> builder.secretKey(String.valueOf(properties.getSecret())));
        setting("infisical.webhook.tolerance", () -> builder.tolerance(properties.getTolerance()));
        builder.views(() -> {
            List<LiveSecrets> views = new ArrayList<>();
            InfisicalPropertySource.in(environment).forEach(s -> views.add(s.live()));
            liveBeans.orderedStream().forEach(views::add);
            return views;
        });
        if (properties.getPreviousSecret() != null && !properties.getPreviousSecret().isBlank()) {
            builder.secretKey(properties.getPreviousSecret());
        }
        PushForwarder bus = properties.isBus() ? forwarder.getIfAvailable() : null;
        if (bus != null) {
            builder.forwardTo(bus);
        }
        WebhookReceiver receiver = builder.build();
        RECEIVERS.put(environment, receiver);
        return receiver;
    }

    /**
     * Applies one {@code infisical.webhook.*} setting to the builder. The builder refuses a bad argument with
     * {@link IllegalArgumentException}; here the argument is the user's setting, so the error names it (the
     * builder's message carries the rule, never the secret key).
     */
    private static void setting(String name, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(name + " is invalid", e.getMessage());
        }
    }

    /** The endpoint on Spring MVC. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    static class Mvc {
        @Bean
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                infisicalWebhookRoute(InfisicalWebhookProperties properties, WebhookReceiver receiver) {
            return InfisicalWebhookRoutes.servlet(properties.getPath(), receiver);
        }
    }

    /** The endpoint on WebFlux. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
    static class WebFlux {
        @Bean
        org.springframework.web.reactive.function.server.RouterFunction<
                org.springframework.web.reactive.function.server.ServerResponse>
                infisicalWebhookReactiveRoute(InfisicalWebhookProperties properties, WebhookReceiver receiver) {
            return InfisicalWebhookReactiveRoutes.reactive(properties.getPath(), receiver);
        }
    }

    /**
     * Fan-out over Spring Cloud Bus: the receiving instance refreshes its own views and publishes an
     * {@link InfisicalPushEvent}, which the bus delivers to the other instances; each refreshes its matching views.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = BUS_EVENT)
    @ConditionalOnProperty(name = "spring.cloud.bus.enabled", havingValue = "true", matchIfMissing = true)
    @RemoteApplicationEventScan(basePackageClasses = InfisicalPushEvent.class)
    static class Bus {
        @Bean
        PushForwarder infisicalPushForwarder(ApplicationEventPublisher publisher, Environment environment) {
            return event -> publisher.publishEvent(new InfisicalPushEvent(this, busId(environment), event));
        }

        @Bean
        ApplicationListener<InfisicalPushEvent> infisicalPushListener(WebhookReceiver receiver, Environment environment) {
            return push -> {
                if (!busId(environment).equals(push.getOriginService())) {   // the receiving instance refreshed already
                    receiver.refresh(push.toWebhookEvent());
                }
            };
        }

        // the id Spring Cloud Bus gives this instance (its BusEnvironmentPostProcessor sets the property)
        private static String busId(Environment environment) {
            return environment.getProperty("spring.cloud.bus.id", "application");
        }
    }

    /** {@code infisical.webhook.secret} has text and {@code infisical.enabled} is not {@code false}. */
    static final class OnWebhookSecret extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            if ("false".equalsIgnoreCase(String.valueOf(env.getProperty("infisical.enabled")).trim())) {
                return ConditionOutcome.noMatch("infisical.enabled=false");
            }
            String secret = env.getProperty("infisical.webhook.secret");
            return secret != null && !secret.isBlank()
                    ? ConditionOutcome.match("infisical.webhook.secret is set")
                    : ConditionOutcome.noMatch("infisical.webhook.secret (INFISICAL_WEBHOOK_SECRET) is not set");
        }
    }

    /** Health details of the push endpoint of an environment, if it has one. */
    static Optional<Map<String, Object>> healthDetails(Environment environment) {
        WebhookReceiver receiver = RECEIVERS.get(environment);
        if (receiver == null) {
            return Optional.empty();
        }
        WebhookStats stats = receiver.stats();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("received", stats.received());
        d.put("rejected", stats.rejected());
        d.put("lastPush", stats.lastPush().map(p -> p.receivedAt().toString()).orElse("never"));
        stats.lastPush().ifPresent(p -> {
            d.put("lastEvent", p.event().toString());
            d.put("lastOutcome", p.outcome());
        });
        stats.lastRejection().ifPresent(r -> d.put("lastRejection", r.reason() + " at " + r.at()));
        return Optional.of(d);
    }
}
