package dev.infisicalpro;

import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles and runs the README's "Core client" snippets against FakeInfisical. The text between the
 * {@code README:begin}/{@code README:end} markers is what core/README.md shows; keep them identical.
 */
class ReadmeExampleTest {

    @Test
    void coreClientExampleRuns() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            p.createFolder("prod", "/app");
            p.putSecret("prod", "/app", "DB_PASSWORD", "s3cret");
            UniversalAuthCredentials ua = p.createUniversalAuthIdentity("app", Role.ADMIN, Duration.ofHours(2),
                    Duration.ofHours(24));
            String host = fake.url();
            String clientId = ua.clientId();
            String clientSecret = ua.clientSecret();
            String projectId = p.id();

            // README:begin core-client
            try (InfisicalClient client = InfisicalClient.builder()
                    .host(host)                                   // https://infisical.example.com, "/api" optional
                    .credentials(Credentials.universalAuth(clientId, clientSecret))
                    .build()) {
                Scope scope = Scope.of(ProjectRef.id(projectId), "prod", "/app");
                Secrets secrets = client.secrets();

                String password = secrets.get(scope, "DB_PASSWORD").value();
                Map<String, Secret> all = secrets.list(scope, ListOptions.defaults()).effective();

                secrets.create(scope.withPath(SecretPath.of("/app/billing")),
                        NewSecret.of("API_KEY", "k-123"), WriteOptions.CREATE_MISSING_FOLDERS);
                secrets.update(scope, "DB_PASSWORD", SecretUpdate.value("n3w-s3cret"));
                Optional<Secret> old = secrets.find(scope, "OLD_KEY");   // empty when absent
                // README:end core-client
                assertThat(password).isEqualTo("s3cret");          // not in README
                assertThat(all).containsKey("DB_PASSWORD");        // not in README
                assertThat(old).isEmpty();                         // not in README
            }
            assertThat(p.secretValue("prod", "/app/billing", "API_KEY")).hasValue("k-123");
            assertThat(p.secretValue("prod", "/app", "DB_PASSWORD")).hasValue("n3w-s3cret");
        }
    }

    @Test
    void settingsExampleRuns() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("demo");
            p.putSecret("prod", "/", "DB_PASSWORD", "s3cret");
            UniversalAuthCredentials ua = p.createUniversalAuthIdentity("app", Role.ADMIN, Duration.ofHours(2),
                    Duration.ofHours(24));
            PropertyLookup environment = PropertyLookup.of(Map.of(
                    "INFISICAL_API_URL", fake.url(),
                    "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", ua.clientId(),
                    "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", ua.clientSecret(),
                    "INFISICAL_PROJECT_ID", p.id()));
            PropertyLookup systemProperties = PropertyLookup.of(Map.of("infisical.env-slug", "prod"));

            // README:begin settings
            // InfisicalSettings.fromSystem() reads -Dinfisical.* and INFISICAL_* the same way
            InfisicalSettings settings = InfisicalSettings.load(systemProperties, environment);
            try (InfisicalClient client = settings.newClient()) {
                SecretQuery query = settings.query(client);
                Secret password = client.secrets().get(query.scope(query.paths().get(0)), "DB_PASSWORD");
                // README:end settings
                assertThat(password.value()).isEqualTo("s3cret");
            }
        }
    }
}
