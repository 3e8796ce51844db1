package dev.infisicalpro.examples.quarkus;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Makes "Quarkus never fetches secrets while it builds the application" checkable. When JUnit starts
 * discovering the tests (so before Quarkus augments the application for {@code @QuarkusTest}, and
 * after Quarkus's own launcher-session listener has built its test-side config), it starts a second FakeInfisical, seeded like a real server would be, and points complete Infisical
 * settings at it through system properties, which Quarkus's build-time config reads. If the
 * adapter's build-time detection failed, augmentation would load secrets from this sentinel.
 * {@link EmbeddedInfisicalResource} (started after augmentation, before the app) removes these
 * properties so the running app uses the demo server, and the test asserts the sentinel's journal
 * is empty. Armed only where the build asks for it ({@code -Dinfisical.example.build-sentinel=true}
 * in the surefire configuration), so the packaged-app ITs are unaffected.
 */
public class BuildTimeSentinel implements LauncherSessionListener, LauncherDiscoveryListener {

    /** System property that arms the sentinel. */
    static final String ARM = "infisical.example.build-sentinel";
    /**
     * Where the sentinel's request log is published: a {@code Supplier<List<String>>} in the system
     * properties, because {@code @QuarkusTest} classes run in Quarkus's class loader, which sees
     * other copies of this class and the testkit, but the same JDK types.
     */
    static final String REQUESTS = "infisical.example.build-sentinel.requests";
    static final List<String> SETTINGS = List.of("infisical.host-api", "infisical.auth.service-token");

    /** Static: JUnit makes one instance per listener interface it loads. */
    private static FakeInfisical sentinel;

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        arm();
    }

    private static synchronized void arm() {
        if (!Boolean.getBoolean(ARM) || sentinel != null) {
            return;
        }
        sentinel = FakeInfisical.start();
        FakeProject project = sentinel.createProject("build-sentinel");
        project.createFolder(DemoInfisical.ENVIRONMENT, DemoInfisical.APP_FOLDER);
        project.putSecret(DemoInfisical.ENVIRONMENT, DemoInfisical.APP_FOLDER, "DB_PASSWORD", "fetched-at-build-time");
        String token = project.createServiceToken("build", List.of(TokenScope.of(DemoInfisical.ENVIRONMENT, "/**")),
                EnumSet.of(Permission.READ)).token();
        System.setProperty(SETTINGS.get(0), sentinel.apiUrl());
        System.setProperty(SETTINGS.get(1), token);
        FakeInfisical server = sentinel;
        Supplier<List<String>> requests = () -> server.journal().requests().stream()
                .map(r -> r.method() + " " + r.path())
                .toList();
        System.getProperties().put(REQUESTS, requests);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        disarm();
    }

    private static synchronized void disarm() {
        if (sentinel != null) {
            SETTINGS.forEach(System::clearProperty);
            System.getProperties().remove(REQUESTS);
            sentinel.close();
            sentinel = null;
        }
    }

    /** Called by the test resource once augmentation is over: the running app must not see the sentinel. */
    static void disarmForRuntime() {
        if (Boolean.getBoolean(ARM)) {
            SETTINGS.forEach(System::clearProperty);
        }
    }
}
