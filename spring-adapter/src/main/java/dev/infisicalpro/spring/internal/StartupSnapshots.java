package dev.infisicalpro.spring.internal;

import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.spring.InfisicalPropertySource;

import java.util.Objects;
import java.util.function.Function;

/**
 * Lets {@link ChangeRelay} take a property source's startup snapshot without a public accessor on the source
 * (the JDK's "shared secrets" pattern): the source installs its private one-shot taker when its class is
 * initialised, which happens before any source exists. Not API.
 */
public final class StartupSnapshots {

    private static volatile Function<InfisicalPropertySource, SecretSnapshot> taker;

    private StartupSnapshots() {
    }

    /** Called once by {@link InfisicalPropertySource}'s class initialiser; later calls are ignored. */
    public static synchronized void install(Function<InfisicalPropertySource, SecretSnapshot> take) {
        if (taker == null) {
            taker = Objects.requireNonNull(take, "take");
        }
    }

    /** The snapshot the source was created from, once; null when already taken. */
    static SecretSnapshot take(InfisicalPropertySource source) {
        return taker.apply(source);   // set: a source instance exists, so its class is initialised
    }
}
