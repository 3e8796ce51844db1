package dev.infisicalpro.spring.boot;

import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.spring.InfisicalPropertySource;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks Infisical secrets in {@code /actuator/env} and {@code /actuator/configprops}, whatever
 * {@code management.endpoint.*.show-values} says:
 * <ul>
 *   <li>every property of an {@link InfisicalPropertySource};</li>
 *   <li>any other property whose value is, or contains, a current Infisical secret value (e.g.
 *       {@code spring.datasource.password=${DB_PASSWORD}} in {@code application.properties}, or a bound
 *       {@code @ConfigurationProperties} field); values shorter than {@value #MIN_CONTAINED_LENGTH}
 *       characters are only masked on an exact match;</li>
 *   <li>the Infisical credentials {@code infisical.auth.service-token}, {@code access-token} and
 *       {@code client-secret}, in any spelling, including the environment variables
 *       {@code INFISICAL_TOKEN}, {@code INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET} and
 *       {@code INFISICAL_AUTH_*_TOKEN}/{@code _CLIENT_SECRET};</li>
 *   <li>a credential pasted into an {@code infisical:} import ({@code spring.config.import=infisical:${INFISICAL_TOKEN}}):
 *       the import is shown as in logs and messages, with credential-like parts replaced by {@code ***}.</li>
 * </ul>
 *
 * <p>Registered by {@link InfisicalActuatorAutoConfiguration}; nothing to configure:
 * <pre>{@code
 * management.endpoint.env.show-values=always   # Infisical values still show as ******
 * }</pre>
 */
public class InfisicalSanitizingFunction implements SanitizingFunction {

    /** Shortest secret value that is also masked when contained in a longer value. */
    public static final int MIN_CONTAINED_LENGTH = 6;

    private final ConfigurableEnvironment environment;
    private volatile Values cached = new Values(List.of(), Set.of());

    /**
     * Masks the values of the Infisical property sources found in this environment.
     *
     * @param environment where the Infisical property sources are found
     */
    public InfisicalSanitizingFunction(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        Object value = data.getValue();
        if (value == null) {
            return data;
        }
        if (data.getPropertySource() instanceof InfisicalPropertySource) {
            return data.withValue(SanitizableData.SANITIZED_VALUE);
        }
        String key = data.getKey();
        if (key != null && isCredentialName(key)) {
            return data.withValue(SanitizableData.SANITIZED_VALUE);
        }
        String text = String.valueOf(value);
        if (revealsSecret(text)) {
            return data.withValue(SanitizableData.SANITIZED_VALUE);
        }
        if (text.contains(InfisicalConfigDataLocationResolver.PREFIX)) {
            String shown = redactImports(text);
            return shown.equals(text) ? data : data.withValue(shown);
        }
        return data;
    }

    // spring.config.import is a comma-separated list; only its infisical: entries are ours to redact
    static String redactImports(String imports) {
        String[] parts = imports.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].contains(InfisicalConfigDataLocationResolver.PREFIX)) {
                parts[i] = InfisicalLocations.redact(parts[i]);
            }
        }
        return String.join(",", parts);
    }

    // configprops shows bean property names (infisical.auth.serviceToken), env the dashed form, and the
    // systemEnvironment source the variables (INFISICAL_TOKEN, INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET,
    // INFISICAL_AUTH_CLIENT_SECRET, ...): compared without separators and case
    static boolean isCredentialName(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return k.startsWith("infisical") && (k.endsWith("clientsecret") || k.endsWith("token"));
    }

    private boolean revealsSecret(String text) {
        Values values = current();
        if (values.exact.contains(text)) {
            return true;
        }
        for (String v : values.exact) {
            if (v.length() >= MIN_CONTAINED_LENGTH && text.contains(v)) {
                return true;
            }
        }
        return false;
    }

    // recomputed only when the data behind one of the sources changed (a 304 keeps the secrets map)
    private Values current() {
        List<SecretSnapshot> snapshots = new ArrayList<>();
        for (InfisicalPropertySource source : InfisicalPropertySource.in(environment)) {
            snapshots.add(source.live().snapshot());
        }
        Values c = cached;
        if (c.sameSnapshots(snapshots)) {
            return c;
        }
        Set<String> exact = new HashSet<>();
        for (SecretSnapshot s : snapshots) {
            for (Secret secret : s.secrets().values()) {
                if (!secret.value().isEmpty()) {
                    exact.add(secret.value());
                }
            }
        }
        Values fresh = new Values(snapshots, exact);
        cached = fresh;
        return fresh;
    }

    private record Values(List<SecretSnapshot> snapshots, Set<String> exact) {
        boolean sameSnapshots(List<SecretSnapshot> other) {
            if (other.size() != snapshots.size()) {
                return false;
            }
            for (int i = 0; i < other.size(); i++) {
                if (other.get(i).revision() != snapshots.get(i).revision()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "Values[" + exact.size() + "]";
        }
    }
}
