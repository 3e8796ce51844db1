package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.spring.InfisicalPropertySource;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health contributor {@code infisical}: UP while the imported secrets are loaded, with details
 * {@code age}, {@code stale}, {@code consecutiveFailures} and {@code lastSuccess}; DOWN only when an
 * import never loaded or its data is older than {@code infisical.max-staleness}. A brief Infisical
 * outage therefore does not take the application out of rotation (values stay last-known-good).
 * With several imports the details are grouped by import.
 */
public class InfisicalHealthIndicator extends AbstractHealthIndicator {

    private final ConfigurableEnvironment environment;

    /** @param environment where the Infisical property sources are found (read at each check) */
    public InfisicalHealthIndicator(ConfigurableEnvironment environment) {
        super("Infisical health check failed");
        this.environment = environment;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<InfisicalPropertySource> sources = InfisicalPropertySource.in(environment);
        boolean healthy = true;
        if (sources.size() == 1) {
            LiveStatus status = sources.get(0).live().status();
            healthy = status.healthy();
            builder.withDetails(details(status));
        } else {
            for (InfisicalPropertySource source : sources) {
                LiveStatus status = source.live().status();
                healthy &= status.healthy();
                builder.withDetail(source.getName(), details(status));
            }
        }
        if (healthy) {
            builder.up();
        } else {
            builder.down();
        }
    }

    static Map<String, Object> details(LiveStatus status) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("loaded", status.loaded());
        d.put("age", status.age().toString());
        d.put("stale", status.stale());
        d.put("consecutiveFailures", status.consecutiveFailures());
        d.put("lastSuccess", status.lastSuccess().map(Object::toString).orElse("never"));
        status.lastErrorType().ifPresent(t -> d.put("lastError", t));
        return d;
    }
}
