package dev.infisicalpro.spring.boot;

import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettingNamesTest {

    private static final PropertyLookup NONE = PropertyLookup.of(Map.of());

    @Test
    void aClientSecretAloneCountsAsConfiguredAuthInPropertiesAndEnvironment() {
        assertThat(SettingNames.authConfigured(PropertyLookup.of(Map.of("infisical.auth.client-secret", "x")), NONE)).isTrue();
        assertThat(SettingNames.authConfigured(NONE, PropertyLookup.of(Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "x"))))
                .isTrue();
        assertThat(SettingNames.authConfigured(NONE, PropertyLookup.of(Map.of("INFISICAL_TOKEN", "st.x")))).isTrue();
    }

    @Test
    void nonAuthSettingsDoNotCountAsAuth() {
        assertThat(SettingNames.authConfigured(PropertyLookup.of(Map.of("infisical.env-slug", "dev",
                "infisical.auth.kubernetes.token-path", "/var/run/token")), PropertyLookup.of(Map.of("INFISICAL_API_URL", "x"))))
                .isFalse();
    }

    @Test
    void everyAuthVariableIsAlsoPartOfTheImportKey() {
        assertThat(SettingNames.ENVIRONMENT_VARIABLES).containsAll(SettingNames.AUTH_ENVIRONMENT_VARIABLES);
    }
}
