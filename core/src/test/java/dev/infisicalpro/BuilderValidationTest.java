package dev.infisicalpro;

import dev.infisicalpro.rotation.LiveCredentialsDataSource;
import dev.infisicalpro.rotation.PostgresRotation;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Builder arguments fail where they are set, with the JDK's argument exception (as Caffeine's builder does),
 * in every public builder alike; a required setting missing at {@code build()} is a {@link ValidationException}.
 */
class BuilderValidationTest {

    @Test
    void timeoutsMustBePositiveBecauseEveryCallNeedsADeadline() {
        InfisicalClient.Builder b = InfisicalClient.builder();
        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> b.readTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
        assertThatCode(() -> b.connectTimeout(Duration.ofMillis(1)).readTimeout(Duration.ofMillis(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void sizesAndCacheTtlAreCheckedWhenSet() {
        InfisicalClient.Builder b = InfisicalClient.builder();
        assertThatThrownBy(() -> b.maxResponseBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResponseBytes");
        assertThatThrownBy(() -> b.responseCacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseCacheTtl");
        assertThatCode(() -> b.responseCacheTtl(Duration.ZERO)).doesNotThrowAnyException();
    }

    @Test
    void retryPolicyRefusesNonsenseAtConstruction() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingCredentialsAreASettingsProblemNamingTheFix() {
        assertThatThrownBy(() -> InfisicalClient.builder().build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("credentials(")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InfisicalException) e).request()).isEmpty());
    }

    @Test
    void webhookReceiverSettersFollowTheSameRule() {
        WebhookReceiver.Builder b = WebhookReceiver.builder();
        assertThatThrownBy(() -> b.secretKey(" \t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret key is blank");
        assertThatThrownBy(() -> b.tolerance(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.tolerance(Duration.ofMinutes(61))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1 hour");
        assertThatThrownBy(() -> b.replayCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.secretKey(null)).isInstanceOf(NullPointerException.class);
        assertThatCode(() -> b.tolerance(Duration.ofHours(1)).replayCapacity(1)).doesNotThrowAnyException();
        // nothing was accepted, so build() reports the missing key as a settings problem
        assertThatThrownBy(b::build).isInstanceOf(ValidationException.class);
    }

    @Test
    void postgresRotationSettersFollowTheSameRule() {
        try (InfisicalClient client = InfisicalClient.builder().host("http://127.0.0.1:9")
                .credentials(Credentials.accessToken("not-used")).build()) {
            Scope scope = Scope.of(ProjectRef.id("p"), "dev", "/");
            assertThatThrownBy(() -> PostgresRotation.builder(client, scope, " "))
                    .isInstanceOf(IllegalArgumentException.class);
            PostgresRotation.Builder b = PostgresRotation.builder(client, scope, "DB_PASSWORD");
            assertThatThrownBy(() -> b.passwordLength(31)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("32..48");
            assertThatThrownBy(() -> b.passwordLength(49)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.writeRetries(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.writeRetries(2, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.databaseTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.databaseTimeout(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> b.jdbcUrl("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.role(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.previousValueKey("")).isInstanceOf(IllegalArgumentException.class);
            assertThatCode(() -> b.passwordLength(32).passwordLength(48).writeRetries(1, Duration.ZERO))
                    .doesNotThrowAnyException();
            // jdbcUrl and role were never accepted: a missing required setting
            assertThatThrownBy(b::build).isInstanceOf(ValidationException.class).hasMessageContaining("jdbcUrl");
        }
    }

    @Test
    void liveBuilderFollowsTheSameRule() {
        try (InfisicalClient client = InfisicalClient.builder().host("http://127.0.0.1:9")
                .credentials(Credentials.accessToken("not-used")).build()) {
            LiveSecrets.Builder b = client.live(SecretQuery.of(ProjectRef.id("p"), "dev", "/"));
            assertThatThrownBy(() -> b.resyncInterval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.resyncInterval(Duration.ofDays(366))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.maxStaleness(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.scheduler(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void liveCredentialsDataSourceBuilderFollowsTheSameRule() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject project = fake.createProject("demo");
            project.putSecret("dev", "/", "DB_PASSWORD", "pw");
            try (InfisicalClient client = FakeClients.admin(fake, project, "app");
                 LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(project.id()), "dev", "/")).start()) {
                javax.sql.DataSource target = new org.postgresql.ds.PGSimpleDataSource();
                LiveCredentialsDataSource.Builder b = LiveCredentialsDataSource.builder(target, live);
                assertThatThrownBy(() -> b.passwordKey(" ")).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> b.usernameKey("")).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> b.username(" ")).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> b.passwordKey(null)).isInstanceOf(NullPointerException.class);
                // nothing was accepted: the required settings are missing
                assertThatThrownBy(b::build).isInstanceOf(ValidationException.class);
                assertThatCode(() -> b.passwordKey("DB_PASSWORD").username("app").build()).doesNotThrowAnyException();
            }
        }
    }
}
