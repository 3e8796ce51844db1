package dev.infisicalpro.spring;

import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.spring.internal.ChangeRelay;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Plain Spring Framework (no Boot): an {@link ApplicationContextInitializer} that reads the
 * {@code infisical.*} settings from the context's environment, adds the Infisical property source
 * first, publishes {@link InfisicalSecretsChangedEvent} after background refreshes, and closes client
 * and live view when the context closes. Does nothing when {@code infisical.enabled=false}.
 *
 * <pre>{@code
 * AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
 * new InfisicalPropertySourceInitializer().initialize(ctx);
 * ctx.register(AppConfig.class);
 * ctx.refresh();
 * }</pre>
 *
 * <p>In a web app list it in {@code contextInitializerClasses}. Spring Boot apps use
 * {@code spring.config.import=infisical:} instead; do not combine the two.
 */
public class InfisicalPropertySourceInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        InfisicalSettings settings = InfisicalPropertySources.settings(context.getEnvironment());
        if (!settings.enabled()) {
            return;
        }
        InfisicalPropertySources sources = InfisicalPropertySources.addFirst(context.getEnvironment(), settings);
        AutoCloseable subscription = ChangeRelay.relay(sources.propertySource(), context, null);
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
            if (event.getApplicationContext() == context) {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // closing a listener handle cannot fail in a way worth reporting
                } finally {
                    sources.close();
                }
            }
        });
    }
}
