package io.quarkus.deployment;

import java.util.function.Supplier;

/**
 * Stands in for Quarkus's build-time augmentation on the call stack: Quarkus evaluates discovered
 * config factories from {@code io.quarkus.deployment.QuarkusAugmentor.run} (at {@code mvn package},
 * in dev mode and before a {@code @QuarkusTest}). Quarkus's deployment jar is not on this module's
 * test class path, so the name is free.
 */
public final class QuarkusAugmentor {

    private QuarkusAugmentor() {
    }

    public static <T> T run(Supplier<T> action) {
        return action.get();
    }
}
