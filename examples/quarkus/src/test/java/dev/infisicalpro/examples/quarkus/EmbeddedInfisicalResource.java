package dev.infisicalpro.examples.quarkus;

import dev.infisicalpro.testkit.FakeProject;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts the demo {@code FakeInfisical} before Quarkus builds its configuration and hands the
 * adapter its address and token as test-resource properties (which the Infisical
 * {@code ConfigSourceFactory} reads through its {@code ConfigSourceContext}, like any other source).
 * Fields annotated {@link DemoProject} receive the seeded project, so a test can rotate secrets.
 */
public class EmbeddedInfisicalResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link FakeProject} field of a test to receive the demo project. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface DemoProject {
    }

    private DemoInfisical.Embedded demo;

    @Override
    public Map<String, String> start() {
        // Quarkus has built the application by now; from here on the app must use the demo server.
        BuildTimeSentinel.disarmForRuntime();
        demo = DemoInfisical.start();
        return demo.properties();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(demo.project(),
                new TestInjector.AnnotatedAndMatchesType(DemoProject.class, FakeProject.class));
    }

    @Override
    public void stop() {
        if (demo != null) {
            demo.close();
        }
    }
}
