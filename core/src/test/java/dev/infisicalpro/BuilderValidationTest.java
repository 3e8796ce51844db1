package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Builder arguments fail where they are set, with the JDK's argument exception (as Caffeine's builder does). */
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
}
