package dev.infisicalpro.spring.boot;

import org.springframework.context.ApplicationContext;

import java.util.Set;

/** Runs before {@code InfisicalSecretsChangedEvent} is published (keeps cloud types out of other classes). */
@FunctionalInterface
interface InfisicalRefreshHook {
    void refresh(ApplicationContext context, Set<String> propertyNames);
}
