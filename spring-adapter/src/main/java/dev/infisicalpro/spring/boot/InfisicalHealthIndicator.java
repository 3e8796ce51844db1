package dev.infisicalpro.spring.boot;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Health contributor {@code infisical}: UP while the imported secrets are loaded, with details
 * {@code age}, {@code stale}, {@code consecutiveFailures} and {@code lastSuccess}; DOWN only when an
 * import never loaded or its data is older than {@code infisical.max-staleness}. A brief Infisical
 * outage therefore does not take the application out of rotation (values stay last-known-good).
 * With several imports the details are grouped by import.
 *
 * <p>Boot 3 health API only (Boot 4 gets the same contributor through {@code InfisicalBoot4Health}), so
 * not public: applications see the {@code infisical} health contributor, not this type.
 */
final class InfisicalHealthIndicator extends AbstractHealthIndicator {

    private final ConfigurableEnvironment environment;

    /** @param environment where the Infisical property sources are found (read at each check) */
    InfisicalHealthIndicator(ConfigurableEnvironment environment) {
        super("Infisical health check failed");
        this.environment = environment;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        InfisicalHealthSummary summary = InfisicalHealthSummary.of(environment);
        builder.withDetails(summary.details());
        if (summary.healthy()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
