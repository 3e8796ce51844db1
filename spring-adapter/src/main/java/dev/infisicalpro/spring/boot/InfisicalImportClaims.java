package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.internal.LiveRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The imports one application context uses, held until the context's beans are destroyed (close, or a
 * failed refresh). Registered as a disposable singleton so that it works without the auto-configuration.
 * After a Spring Cloud environment refresh ({@code EnvironmentChangeEvent}) it re-reads the environment:
 * an import re-loaded with changed settings is taken over, the one it replaced is released.
 */
final class InfisicalImportClaims implements DisposableBean, ApplicationListener<ApplicationEvent> {

    static final String BEAN_NAME = "dev.infisicalpro.spring.boot.importClaims";
    private static final String CLOUD_EVENT = "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

    private final ConfigurableEnvironment environment;
    private final LiveRegistry.Claims claims = new LiveRegistry.Claims();
    private final List<Runnable> onReconcile = new CopyOnWriteArrayList<>();

    private InfisicalImportClaims(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /** The context's claims, created (taking over this thread's pending imports) on first use. */
    static InfisicalImportClaims attach(ConfigurableApplicationContext context) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        synchronized (beanFactory) {
            if (beanFactory.getSingleton(BEAN_NAME) instanceof InfisicalImportClaims existing) {
                return existing;
            }
            InfisicalImportClaims claims = new InfisicalImportClaims(context.getEnvironment());
            claims.reconcile();
            beanFactory.registerSingleton(BEAN_NAME, claims);
            if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(BEAN_NAME, claims);
            }
            context.addApplicationListener(claims);
            return claims;
        }
    }

    /** The held entries. */
    List<LiveRegistry.Entry> entries() {
        return claims.entries();
    }

    /** Called after each re-read of the environment. */
    void onReconcile(Runnable action) {
        onReconcile.add(action);
    }

    private void reconcile() {
        List<LiveSecrets> used = InfisicalPropertySource.in(environment).stream().map(InfisicalPropertySource::live)
                .toList();
        claims.adoptPending(used);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event.getClass().getName().equals(CLOUD_EVENT)) {
            reconcile();
            onReconcile.forEach(Runnable::run);
        }
    }

    @Override
    public void destroy() {
        claims.close();
    }
}
