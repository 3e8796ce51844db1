package dev.infisicalpro.spring.boot;

import dev.infisicalpro.spring.Demo;
import dev.infisicalpro.spring.internal.LiveRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Boot import tests share: a seeded {@link Demo} server per test, no Boot logging system (records go
 * to JUL, where {@link Demo.LogCapture} sees them), the contexts a test started closed after it, and the
 * check that no import keeps running once they are closed.
 */
abstract class ImportTestBase {

    protected Demo demo;
    /** The context {@link #run} started (closed after the test). */
    protected ConfigurableApplicationContext context;
    /** Further contexts a test started (closed after the test). */
    protected final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeAll
    static void noLoggingSystem() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    @BeforeEach
    void startDemo() {
        demo = new Demo();
    }

    @AfterEach
    void closeEverything() {
        if (context != null) {
            context.close();
        }
        contexts.forEach(ConfigurableApplicationContext::close);
        demo.close();
        assertThat(LiveRegistry.size()).as("every import closed with its context, nothing keeps running").isZero();
    }

    /** Starts {@link TestApp} (no web server) with these command line arguments. */
    protected ConfigurableApplicationContext run(String... args) {
        context = new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE).run(args);
        return context;
    }

    /** A port nothing listens on (a server that is down). */
    protected static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
