package io.quarkus.deployment;

import java.util.function.Supplier;

/**
 * Stands in for Quarkus's build-time augmentation on the call stack (Quarkus evaluates discovered
 * config factories from {@code io.quarkus.deployment} code at {@code mvn package}).
 */
public final class AugmentationStandIn {

    private AugmentationStandIn() {
    }

    public static <T> T run(Supplier<T> action) {
        return action.get();
    }
}
