package dev.infisicalpro.spring.boot;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * The {@code infisical} health contributor on Boot 4, whose health API lives in
 * {@code org.springframework.boot.health.contributor}. The adapter is compiled against Boot 3.5 only, so
 * the Boot 4 {@code HealthIndicator} is implemented by a JDK proxy and {@code Health} is built
 * reflectively; the logic is {@link InfisicalHealthSummary}, shared with {@link InfisicalHealthIndicator}.
 */
final class InfisicalBoot4Health implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

    static final String INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";
    private static final String HEALTH = "org.springframework.boot.health.contributor.Health";

    private Environment environment;
    private ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition("infisicalHealthIndicator")
                || !(environment instanceof ConfigurableEnvironment env)) {
            return;
        }
        try {
            Class<Object> type = (Class<Object>) Class.forName(INDICATOR, false, classLoader);
            ClassLoader cl = classLoader;
            AbstractBeanDefinition definition = BeanDefinitionBuilder
                    .genericBeanDefinition(type, () -> create(env, cl)).getBeanDefinition();
            registry.registerBeanDefinition("infisicalHealthIndicator", definition);
        } catch (ClassNotFoundException e) {
            // not Boot 4: nothing to register
        }
    }

    /** A Boot 4 {@code HealthIndicator} over the environment's Infisical imports. */
    static Object create(ConfigurableEnvironment environment, ClassLoader classLoader) {
        try {
            Class<?> indicator = Class.forName(INDICATOR, false, classLoader);
            Class<?> health = Class.forName(HEALTH, false, classLoader);
            Method up = health.getMethod("up");
            Method down = health.getMethod("down");
            Class<?> builder = up.getReturnType();
            Method withDetails = builder.getMethod("withDetails", Map.class);
            Method build = builder.getMethod("build");
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "health": {
                        boolean includeDetails = args == null || args.length == 0 || Boolean.TRUE.equals(args[0]);
                        InfisicalHealthSummary summary = InfisicalHealthSummary.of(environment);
                        Object b = (summary.healthy() ? up : down).invoke(null);
                        if (includeDetails) {
                            withDetails.invoke(b, summary.details());
                        }
                        return build.invoke(b);
                    }
                    case "toString":
                        return "InfisicalHealthIndicator[Boot 4]";
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    default:
                        if (method.isDefault()) {
                            return InvocationHandler.invokeDefault(proxy, method, args);
                        }
                        throw new UnsupportedOperationException(method.toString());
                }
            };
            return Proxy.newProxyInstance(classLoader, new Class<?>[] {indicator}, handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Boot 4 health API not as expected", e);
        }
    }
}
