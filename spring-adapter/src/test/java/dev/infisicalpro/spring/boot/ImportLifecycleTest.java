package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import dev.infisicalpro.spring.internal.LiveRegistry;
import dev.infisicalpro.testkit.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Who owns an import's client and live view, across several applications, failures and refreshes. */
class ImportLifecycleTest extends ImportTestBase {

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty("infisical.env-slug");
    }

    private SpringApplicationBuilder app(Class<?> source) {
        return new SpringApplicationBuilder(source).web(WebApplicationType.NONE);
    }

    private ConfigurableApplicationContext keep(ConfigurableApplicationContext context) {
        contexts.add(context);
        return context;
    }

    @Test
    void aContextClosingWhileAnotherOnTheSameImportStartsLeavesTheOtherWorking() {
        ConfigurableApplicationContext first = app(TestApp.class).run(demo.args("spring.config.import=infisical:/app"));
        LiveSecrets shared = first.getBean(LiveSecrets.class);

        // the second start has loaded the same import (same live view) but its context does not exist yet
        ApplicationListener<ApplicationEnvironmentPreparedEvent> closeFirst = e -> first.close();
        ConfigurableApplicationContext second = keep(app(TestApp.class).listeners(closeFirst)
                .run(demo.args("spring.config.import=infisical:/app")));

        assertThat(second.getBean(LiveSecrets.class)).isSameAs(shared);
        demo.project.putSecret("dev", "/app", "API_KEY", "key-after-close");
        shared.refreshNow();
        assertThat(second.getEnvironment().getProperty("API_KEY")).isEqualTo("key-after-close");
        assertThat(LiveRegistry.size()).isEqualTo(1);
    }

    @Test
    void aFailedStartReleasesOnlyTheImportsItLoaded() throws Exception {
        // application B has loaded /app on another thread and waits before creating its context
        CountDownLatch bLoaded = new CountDownLatch(1);
        CountDownLatch cFailed = new CountDownLatch(1);
        ApplicationListener<ApplicationEnvironmentPreparedEvent> pause = e -> {
            bLoaded.countDown();
            await(cFailed);
        };
        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() ->
                app(TestApp.class).listeners(pause).run(demo.args("spring.config.import=infisical:/app")));
        assertThat(bLoaded.await(30, TimeUnit.SECONDS)).isTrue();

        // application C loads /shared, then fails before its context exists
        ApplicationListener<ApplicationEnvironmentPreparedEvent> fail = e -> {
            throw new IllegalStateException("C fails to start");
        };
        Throwable failure = catchThrowable(() -> app(TestApp.class).listeners(fail)
                .run(demo.args("spring.config.import=infisical:/shared")));
        cFailed.countDown();

        assertThat(failure).hasMessage("C fails to start");
        ConfigurableApplicationContext started = keep(b.get(30, TimeUnit.SECONDS));
        LiveSecrets live = started.getBean(LiveSecrets.class);
        demo.project.putSecret("dev", "/app", "API_KEY", "key-b");
        assertThat(live.refreshNow().changed()).containsExactly("API_KEY");
        assertThat(LiveRegistry.size()).as("C's /shared import was closed, B's kept").isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSpringCloudRefreshWithChangedSettingsHandsOverToTheNewImportWithoutLeaking() throws Exception {
        System.setProperty("infisical.env-slug", "dev");
        String[] args = java.util.Arrays.stream(demo.args("spring.config.import=infisical:/app"))
                .filter(a -> !a.startsWith("--infisical.env-slug")).toArray(String[]::new);
        ConfigurableApplicationContext context = keep(app(TestApp.class).run(args));
        LiveSecrets before = InfisicalPropertySource.in(context.getEnvironment()).get(0).live();
        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo(Demo.CANARY);

        System.setProperty("infisical.env-slug", "prod");
        context.getBean(ContextRefresher.class).refresh();

        assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("prod-password");
        LiveSecrets after = InfisicalPropertySource.in(context.getEnvironment()).get(0).live();
        assertThat(after).isNotSameAs(before);
        assertThat(LiveRegistry.size()).as("the replaced import was closed").isEqualTo(1);
        assertThatThrownBy(before::refreshNow).isInstanceOf(IllegalStateException.class);

        // the new import's changes still reach the application
        demo.project.putSecret("prod", "/app", "API_KEY", "prod-key");
        after.refreshNow();
        InfisicalSecretsChangedEvent event = context.getBean(TestApp.Events.class).changed.get(10, TimeUnit.SECONDS);
        assertThat(event.keys()).contains("API_KEY");
    }

    @Test
    void withTheAutoConfigurationExcludedTheImportStillClosesWithTheContext() {
        ConfigurableApplicationContext context = app(TestApp.class).run(demo.args("spring.config.import=infisical:/app",
                "spring.autoconfigure.exclude=dev.infisicalpro.spring.boot.InfisicalAutoConfiguration"));
        assertThat(context.getBeansOfType(LiveSecrets.class)).isEmpty();
        assertThat(LiveRegistry.size()).isEqualTo(1);

        context.close();

        assertThat(LiveRegistry.size()).isZero();
    }

    @Test
    void aFailedRefreshAfterTheImportLoadedClosesIt() {
        Throwable t = catchThrowable(() -> app(FailingApp.class).run(demo.args("spring.config.import=infisical:/app")));

        assertThat(t).hasRootCauseMessage("bean fails");
        assertThat(LiveRegistry.size()).isZero();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class FailingApp {
        @Bean
        Object failing() {
            throw new IllegalStateException("bean fails");
        }
    }

    /** Signals the import recovering (in the background) while the context starts. */
    @Test
    void anOptionalImportThatLoadsWhileTheContextStartsIsPublishedOnceSubscribed() throws Exception {
        demo.fake.faults().next("GET", "/api/v3/secrets/raw", 50, Fault.status(503));
        RecoveringApp.demo = demo;
        ConfigurableApplicationContext context = keep(app(RecoveringApp.class)
                .run(demo.args("spring.config.import=optional:infisical:/app")));

        InfisicalSecretsChangedEvent event = context.getBean(TestApp.Events.class).changed.get(10, TimeUnit.SECONDS);
        assertThat(event.keys()).contains("DB_PASSWORD", "APP_API_KEY");
        assertThat(context.getBean(RecoveringApp.Recovery.class).boundBefore).as("bound while still empty").isNull();
        assertThat(context.getBean(TestApp.AppSettings.class).getApiKey()).as("rebound after the event")
                .isEqualTo("app-key-1");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties(TestApp.AppSettings.class)
    static class RecoveringApp {
        static Demo demo;

        @Bean
        TestApp.Events events() {
            return new TestApp.Events();
        }

        @Bean
        Recovery recovery(TestApp.AppSettings settings, LiveSecrets live) {
            return new Recovery(settings, live);
        }

        static class Recovery {
            final String boundBefore;

            Recovery(TestApp.AppSettings settings, LiveSecrets live) {
                boundBefore = settings.getApiKey();
                demo.fake.faults().clear();
                live.refreshNow();   // stands for the background retry succeeding during startup
            }
        }

        @EventListener
        void unused(InfisicalSecretsChangedEvent e) {
            // a second listener: the event reaches every listener, not only the first
        }
    }
}
