package dev.infisicalpro.readme;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeInfisicalExtension;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

// The README's "Testing with FakeInfisical" example, verbatim from the class line down
// (ReadmeSnippetsTest in examples/plain-java checks that the README still matches it).
class PaymentsTest {
    static UniversalAuthCredentials app;
    static String projectId;

    @RegisterExtension
    static FakeInfisicalExtension infisical = FakeInfisicalExtension.withSeed(fake -> {
        FakeProject shop = fake.createProject("shop");                // environments dev, staging, prod
        shop.putSecret("dev", "/payments", "STRIPE_KEY", "sk_test_123");
        app = shop.createUniversalAuthIdentity("payments", Role.ADMIN, Duration.ofHours(2), Duration.ofDays(1));
        projectId = shop.id();
    });

    @Test
    void readsTheKey(FakeInfisical fake) {
        try (InfisicalClient client = InfisicalClient.builder()
                .host(fake.url())
                .credentials(Credentials.universalAuth(app.clientId(), app.clientSecret()))
                .build()) {
            Scope scope = Scope.of(ProjectRef.id(projectId), "dev", "/payments");
            assertEquals("sk_test_123", client.secrets().get(scope, "STRIPE_KEY").value());
        }
    }
}
