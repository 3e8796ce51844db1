package dev.infisicalpro.examples.quarkusds;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A FakeInfisical holding the app's {@code DB_PASSWORD} (the role's current password) in {@code dev:/app},
 * a read-only token for the app, and a universal-auth identity for the rotation ({@code test.rotator.*}).
 */
public class InfisicalResource implements QuarkusTestResourceLifecycleManager {

    static final String INITIAL_PASSWORD = "initial-canary-Qd7W-DO-NOT-LEAK";
    private FakeInfisical fake;

    @Override
    public Map<String, String> start() {
        fake = FakeInfisical.start();
        FakeProject project = fake.createProject("shop");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "DB_PASSWORD", INITIAL_PASSWORD);
        String token = project.createServiceToken("app", List.of(TokenScope.of("dev", "/**")),
                EnumSet.of(Permission.READ)).token();
        // the test runs in Quarkus's class loader, so it gets what it needs as configuration, not statics
        UniversalAuthCredentials ops = project.createUniversalAuthIdentity("rotator", Role.ADMIN, Duration.ofHours(1),
                Duration.ofHours(2));
        return Map.of("infisical.host-api", fake.url(), "infisical.auth.service-token", token,
                "infisical.resync-interval", "200ms",
                "test.rotator.client-id", ops.clientId(), "test.rotator.client-secret", ops.clientSecret(),
                "test.project-id", project.id());
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
