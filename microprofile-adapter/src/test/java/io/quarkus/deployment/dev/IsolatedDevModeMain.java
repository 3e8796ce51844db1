package io.quarkus.deployment.dev;

import java.util.function.Supplier;

/**
 * Stands in for Quarkus dev mode, which starts the application (and so builds its run-time config)
 * from {@code io.quarkus.deployment.dev} code: that start must load secrets.
 */
public final class IsolatedDevModeMain {

    private IsolatedDevModeMain() {
    }

    public static <T> T start(Supplier<T> action) {
        return action.get();
    }
}
