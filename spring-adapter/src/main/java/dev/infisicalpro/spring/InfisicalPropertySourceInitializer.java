package dev.infisicalpro.spring;

import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.spring.internal.ChangeRelay;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plain Spring Framework (no Boot): an {@link ApplicationContextInitializer} that reads the
 * {@code infisical.*} settings from the context's environment, adds the Infisical property source
 * first, publishes {@link InfisicalSecretsChangedEvent} after background refreshes, and closes client
 * and live view when the context closes or its refresh fails. Does nothing when {@code infisical.enabled=false}.
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
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalPropertySourceInitializer() {
    }

    private static final String BEAN_NAME = "dev.infisicalpro.spring.propertySourcesCloser";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        InfisicalSettings settings = InfisicalPropertySources.settings(context.getEnvironment());
        if (!settings.enabled()) {
            return;
        }
        InfisicalPropertySources sources = InfisicalPropertySources.addFirst(context.getEnvironment(), settings);
        AutoCloseable subscription = ChangeRelay.relay(sources.propertySource(), context, null);
        AtomicBoolean closed = new AtomicBoolean();
        DisposableBean closer = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // closing a listener handle cannot fail in a way worth reporting
                } finally {
                    sources.close();
                }
            }
        };
        // a disposable bean is destroyed on close AND when refresh fails (no ContextClosedEvent then)
        ConfigurableListableBeanFactory beanFactory;
        try {
            beanFactory = context.getBeanFactory();
        } catch (IllegalStateException notYet) {
            beanFactory = null;   // refreshable contexts (XML, web) create theirs during refresh
        }
        if (beanFactory != null) {
            register(beanFactory, closer, context);
        } else {
            context.addBeanFactoryPostProcessor(bf -> register(bf, closer, context));
        }
    }

    private static void register(ConfigurableListableBeanFactory beanFactory, DisposableBean closer,
                                 ConfigurableApplicationContext context) {
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(BEAN_NAME, closer);
        } else {
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
                if (event.getApplicationContext() == context) {
                    try {
                        closer.destroy();
                    } catch (Exception ignored) {
                        // see above
                    }
                }
            });
        }
    }
}
