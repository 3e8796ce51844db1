package dev.infisicalpro.spring.boot;

import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.spring.InfisicalPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health of the Infisical imports of an environment, independent of Boot's health API (which moved
 * package in Boot 4): healthy unless an import never loaded or is older than its max staleness.
 */
record InfisicalHealthSummary(boolean healthy, Map<String, Object> details) {

    static InfisicalHealthSummary of(ConfigurableEnvironment environment) {
        List<InfisicalPropertySource> sources = InfisicalPropertySource.in(environment);
        Map<String, Object> details = new LinkedHashMap<>();
        boolean healthy = true;
        if (sources.size() == 1) {
            LiveStatus status = sources.get(0).live().status();
            healthy = status.healthy();
            details.putAll(details(status));
        } else {
            for (InfisicalPropertySource source : sources) {
                LiveStatus status = source.live().status();
                healthy &= status.healthy();
                details.put(source.getName(), details(status));
            }
        }
        // push refresh: when the last webhook arrived (never: check the webhook set-up in Infisical)
        InfisicalWebhookAutoConfiguration.healthDetails(environment).ifPresent(d -> details.put("webhook", d));
        return new InfisicalHealthSummary(healthy, details);
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
