package dev.infisicalpro.spring.boot;

import dev.infisicalpro.spring.internal.LiveRegistry;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;

/**
 * When an application fails to start after an {@code infisical:} import was loaded, no context claims
 * the import's client and live view; close them so no refresh thread outlives the failed start.
 */
public class InfisicalStartupFailureListener implements ApplicationListener<ApplicationFailedEvent> {

    @Override
    public void onApplicationEvent(ApplicationFailedEvent event) {
        LiveRegistry.closeUnclaimed();
    }
}
