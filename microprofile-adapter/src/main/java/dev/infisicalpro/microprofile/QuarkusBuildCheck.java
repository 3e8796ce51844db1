package dev.infisicalpro.microprofile;

/**
 * Tells whether Quarkus is building the application (augmentation) rather than running it: Quarkus
 * also evaluates discovered config-source factories at {@code mvn package}, in dev mode and before a
 * {@code @QuarkusTest}, and secrets are runtime data that must never be fetched on the build machine or
 * recorded into the application. Not API.
 *
 * <p>Any frame of Quarkus's deployment code counts, not a list of class names: a renamed class must not
 * make the check fail open. Build steps run on builder threads, but each runs inside
 * {@code io.quarkus.deployment.ExtensionLoader} code, so those threads match too. The innermost deciding
 * frame wins, because deployment code also <em>starts</em> the application: dev mode and continuous
 * testing from {@code io.quarkus.deployment.dev}, both (and the test launcher) through
 * {@code io.quarkus.runner.bootstrap.StartupActionImpl}, and a restart may be triggered from deployment
 * code such as the dev-mode console. A start nested inside deployment code is run time and must load
 * secrets; augmentation nested inside dev mode is build time. {@code examples/quarkus} checks the real
 * thing against FakeInfisical's request journal.
 */
final class QuarkusBuildCheck {

    /** Quarkus's build-time code (augmentation, build steps, the build-time config reader). */
    private static final String QUARKUS_DEPLOYMENT = "io.quarkus.deployment.";
    /**
     * The package under {@link #QUARKUS_DEPLOYMENT} that starts the application itself: dev mode and
     * continuous testing launch the app from {@code io.quarkus.deployment.dev} (the recorded start-up
     * code that builds the run-time config is generated into {@code io.quarkus.runner.recorded}).
     * {@code io.quarkus.deployment.steps} holds real build steps in Quarkus 3 and stays build time.
     */
    private static final String QUARKUS_DEV_MODE = "io.quarkus.deployment.dev.";
    /** Runs the augmented application (test launcher, dev mode, {@code quarkus:run}). */
    private static final String QUARKUS_STARTUP_ACTION = "io.quarkus.runner.bootstrap.StartupActionImpl";

    private QuarkusBuildCheck() {
    }

    /** True when the calling thread is inside Quarkus building the application. */
    static boolean calledDuringQuarkusBuild() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .map(QuarkusBuildCheck::classify)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(false));
    }

    /**
     * {@code true}: a frame of Quarkus building the application; {@code false}: a frame starting the
     * application; {@code null}: says nothing (application, library, SmallRye and JDK frames).
     */
    static Boolean classify(String className) {
        if (className.startsWith(QUARKUS_DEV_MODE) || className.startsWith(QUARKUS_STARTUP_ACTION)) {
            return false;
        }
        return className.startsWith(QUARKUS_DEPLOYMENT) ? true : null;
    }
}
