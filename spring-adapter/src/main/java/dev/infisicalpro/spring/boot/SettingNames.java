package dev.infisicalpro.spring.boot;

import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;

import java.util.List;

/**
 * The one list of setting and environment variable names the adapter inspects itself (the import key, the
 * "credentials configured?" condition), so the resolver and the auto-configuration cannot drift apart.
 * Relaxed spellings ({@code INFISICAL_AUTH_CLIENT_SECRET}) come through Spring's environment as properties.
 */
final class SettingNames {

    /** Infisical's own variable names that {@link InfisicalSettings#load} reads besides {@code infisical.*}. */
    static final List<String> ENVIRONMENT_VARIABLES = List.of("INFISICAL_API_URL", "INFISICAL_PROJECT_ID",
            "INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
            "INFISICAL_MACHINE_IDENTITY_ID");

    /** Settings any of which means "an auth method is configured" (the token path alone is not one). */
    static final List<String> AUTH_KEYS = List.of(InfisicalSettings.AUTH_SERVICE_TOKEN,
            InfisicalSettings.AUTH_ACCESS_TOKEN, InfisicalSettings.AUTH_CLIENT_ID, InfisicalSettings.AUTH_CLIENT_SECRET,
            InfisicalSettings.AUTH_CREDENTIALS_DIR, InfisicalSettings.AUTH_KUBERNETES_IDENTITY_ID);

    /** The variables of {@link #ENVIRONMENT_VARIABLES} that carry an auth method. */
    static final List<String> AUTH_ENVIRONMENT_VARIABLES = List.of("INFISICAL_TOKEN",
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_MACHINE_IDENTITY_ID");

    private SettingNames() {
    }

    /** True when properties or environment name any auth method (valid or not: that is checked later). */
    static boolean authConfigured(PropertyLookup properties, PropertyLookup environment) {
        return AUTH_KEYS.stream().anyMatch(k -> properties.get(k).isPresent())
                || AUTH_ENVIRONMENT_VARIABLES.stream().anyMatch(k -> environment.get(k).isPresent());
    }
}
