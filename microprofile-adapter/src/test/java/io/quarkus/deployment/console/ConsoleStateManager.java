package io.quarkus.deployment.console;

import java.util.function.Supplier;

/**
 * Stands in for deployment code outside dev mode's package that can trigger an application
 * (re)start, such as the dev-mode console's restart key: the start inside it is run time.
 */
public final class ConsoleStateManager {

    private ConsoleStateManager() {
    }

    public static <T> T run(Supplier<T> action) {
        return action.get();
    }
}
