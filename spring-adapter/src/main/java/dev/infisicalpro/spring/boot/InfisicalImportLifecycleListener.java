package dev.infisicalpro.spring.boot;

import dev.infisicalpro.spring.internal.LiveRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * Ties the client and live view of each {@code infisical:} import to the application that loaded it
 * (registered in {@code META-INF/spring.factories}, so it works even when the auto-configuration is
 * excluded): once the context is prepared it takes over the imports its environment uses and releases
 * them when the context is closed or its refresh fails; when the start fails earlier, the imports this
 * start loaded are released. Other applications in the same JVM are not affected.
 *
 * <p>Nothing to call: registered by the jar, it acts on every {@code SpringApplication} that imports Infisical.
 * <pre>{@code
 * try (ConfigurableApplicationContext ctx = SpringApplication.run(App.class, args)) {
 *     // the import's client and live view live as long as ctx
 * }   // closing the context closes them
 * }</pre>
 */
public class InfisicalImportLifecycleListener implements ApplicationListener<SpringApplicationEvent> {
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalImportLifecycleListener() {
    }

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationPreparedEvent prepared) {
            InfisicalImportClaims.attach(prepared.getApplicationContext());
        } else if (event instanceof ApplicationFailedEvent) {
            // config data loads on the thread that runs SpringApplication.run, which also publishes this event
            LiveRegistry.releasePending();
        }
    }
}
