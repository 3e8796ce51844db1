package dev.infisicalpro.spring;

import dev.infisicalpro.InfisicalException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.MapPropertySource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spring Framework without Boot. */
class PlainSpringTest {

    Demo demo;

    @BeforeEach
    void start() {
        demo = new Demo();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Configuration
    static class AppConfig {
        @Bean
        String password(@Value("${DB_PASSWORD}") String password) {
            return password;
        }

        @Bean
        Listener listener() {
            return new Listener();
        }
    }

    static class Listener {
        final CompletableFuture<InfisicalSecretsChangedEvent> event = new CompletableFuture<>();

        @EventListener
        void on(InfisicalSecretsChangedEvent e) {
            event.complete(e);
        }
    }

    private AnnotationConfigApplicationContext contextWithSettings() {
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource("settings", demo.properties()));
        ctx.getEnvironment().getPropertySources().get("settings");
        return ctx;
    }

    @Test
    void addFirstPutsSecretsInAPlainSpringEnvironment() {
        try (AnnotationConfigApplicationContext ctx = contextWithSettings()) {
            ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource("path",
                    java.util.Map.of("infisical.secrets-path", "/app")));
            try (InfisicalPropertySources infisical = InfisicalPropertySources.addFirst(ctx.getEnvironment(),
                    InfisicalPropertySources.settings(ctx.getEnvironment()))) {
                ctx.register(AppConfig.class);
                ctx.refresh();

                assertThat(ctx.getBean("password", String.class)).isEqualTo(Demo.CANARY);
                assertThat(ctx.getEnvironment().getPropertySources().iterator().next()).isSameAs(infisical.propertySource());
            }
            assertThat(ctx.getEnvironment().getPropertySources().contains(InfisicalPropertySources.DEFAULT_NAME)).isFalse();
        }
    }

    @Test
    void initializerAddsTheSourcePublishesChangesAndClosesWithTheContext() throws Exception {
        AnnotationConfigApplicationContext ctx = contextWithSettings();
        ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource("path",
                java.util.Map.of("infisical.secrets-path", "/app")));
        new InfisicalPropertySourceInitializer().initialize(ctx);
        ctx.register(AppConfig.class);
        ctx.refresh();
        assertThat(ctx.getBean("password", String.class)).isEqualTo(Demo.CANARY);
        InfisicalPropertySource source = InfisicalPropertySource.in(ctx.getEnvironment()).get(0);

        demo.project.putSecret("dev", "/app", "DB_PASSWORD", "rotated");
        source.live().refreshNow();
        InfisicalSecretsChangedEvent event = ctx.getBean(Listener.class).event.get(10, TimeUnit.SECONDS);

        assertThat(event.keys()).containsExactly("DB_PASSWORD");
        assertThat(ctx.getEnvironment().getProperty("db.password")).isEqualTo("rotated");
        ctx.close();
        demo.project.putSecret("dev", "/app", "DB_PASSWORD", "after-close");
        assertThat(source.live().status().loaded()).isTrue();
        assertThat(source.getProperty("DB_PASSWORD")).as("closed view keeps its last snapshot").isEqualTo("rotated");
    }

    @Test
    void invalidSettingsFailWithTheKeysToSet() {
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        assertThatThrownBy(() -> new InfisicalPropertySourceInitializer().initialize(ctx))
                .isInstanceOf(InfisicalException.class).hasMessageContaining("infisical.auth");
    }

    @Configuration
    static class FailingConfig {
        @Bean
        String failing(@Value("${DB_PASSWORD}") String password) {
            throw new IllegalStateException("refresh fails");
        }
    }

    @Test
    void theInitializerClosesEverythingWhenTheRefreshFails() {
        AnnotationConfigApplicationContext ctx = contextWithSettings();
        ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource("path",
                java.util.Map.of("infisical.secrets-path", "/app")));
        new InfisicalPropertySourceInitializer().initialize(ctx);
        InfisicalPropertySource source = InfisicalPropertySource.in(ctx.getEnvironment()).get(0);
        ctx.register(FailingConfig.class);

        assertThatThrownBy(ctx::refresh).hasRootCauseMessage("refresh fails");

        assertThatThrownBy(() -> source.live().refreshNow()).as("live view closed").isInstanceOf(IllegalStateException.class);
        assertThat(InfisicalPropertySource.in(ctx.getEnvironment())).isEmpty();
    }

    @Configuration
    static class ThrowingListenerConfig {
        @Bean
        Object throwingListener() {
            return new Object() {
                @EventListener
                void on(InfisicalSecretsChangedEvent e) {
                    throw new IllegalStateException("listener quoting " + Demo.CANARY);
                }
            };
        }
    }

    @Test
    void aFailingChangeListenerIsLoggedWithItsTypeOnly() throws Exception {
        AnnotationConfigApplicationContext ctx = contextWithSettings();
        ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource("path",
                java.util.Map.of("infisical.secrets-path", "/app")));
        new InfisicalPropertySourceInitializer().initialize(ctx);
        ctx.register(ThrowingListenerConfig.class);
        ctx.refresh();
        java.util.concurrent.CompletableFuture<String> warning = new java.util.concurrent.CompletableFuture<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                String m = new java.util.logging.SimpleFormatter().formatMessage(r);
                if (m.contains("Publishing Infisical change")) {
                    warning.complete(m + (r.getThrown() == null ? "" : " " + r.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.infisicalpro.spring");
        logger.addHandler(handler);
        try {
            demo.project.putSecret("dev", "/app", "DB_PASSWORD", "rotated");
            InfisicalPropertySource.in(ctx.getEnvironment()).get(0).live().refreshNow();

            assertThat(warning.get(10, TimeUnit.SECONDS)).contains("java.lang.IllegalStateException")
                    .doesNotContain(Demo.CANARY).doesNotContain("rotated");
        } finally {
            logger.removeHandler(handler);
            ctx.close();
        }
    }
}
