package dev.infisicalpro.spring.boot;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ApplicationContext;

import java.util.Set;

/**
 * With spring-cloud-context: after a change the environment already shows the new values (the
 * property source is live), so instead of re-running every config import like
 * {@code ContextRefresher.refresh()}, publish {@link EnvironmentChangeEvent} (rebinds
 * {@code @ConfigurationProperties}) and refresh {@code @RefreshScope} beans.
 */
final class InfisicalCloudRefresh implements InfisicalRefreshHook {

    @Override
    public void refresh(ApplicationContext context, Set<String> propertyNames) {
        context.publishEvent(new EnvironmentChangeEvent(context, propertyNames));
        for (RefreshScope scope : context.getBeansOfType(RefreshScope.class).values()) {
            scope.refreshAll();
        }
    }
}
