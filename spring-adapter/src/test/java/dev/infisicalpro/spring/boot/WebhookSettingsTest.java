package dev.infisicalpro.spring.boot;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An out-of-range {@code infisical.webhook.*} setting stops the context with a {@link ValidationException} that
 * names the setting (the receiver's builder alone would throw an {@link IllegalArgumentException} naming only
 * its own argument), and the webhook key appears nowhere in it.
 */
class WebhookSettingsTest {

    private static final String KEY = "whk-canary-7f3a9c2e";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InfisicalWebhookAutoConfiguration.class));

    @Test
    void aToleranceOverAnHourFailsNamingTheSetting() {
        runner.withPropertyValues("infisical.webhook.secret=" + KEY, "infisical.webhook.tolerance=2h").run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable cause = ctx.getStartupFailure();
            while (cause.getCause() != null && !(cause instanceof ValidationException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("infisical.webhook.tolerance is invalid")
                    .hasMessageContaining("at most 1 hour");
            for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
            }
        });
    }

    @Test
    void validSettingsGiveAReceiver() {
        runner.withPropertyValues("infisical.webhook.secret=" + KEY, "infisical.webhook.tolerance=1h")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(WebhookReceiver.class));
    }
}
