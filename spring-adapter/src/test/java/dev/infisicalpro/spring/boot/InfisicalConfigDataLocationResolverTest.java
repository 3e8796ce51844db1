package dev.infisicalpro.spring.boot;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfisicalConfigDataLocationResolverTest {

    private static final PropertyLookup SETTINGS = PropertyLookup.of(Map.of("infisical.host-api", "http://127.0.0.1:1",
            "infisical.env-slug", "dev", "infisical.auth.service-token", "st.id.secretpart"));

    @Test
    void pathAndQueryBecomePerImportOverrides() {
        assertThat(InfisicalConfigDataLocationResolver.overrides("infisical:/app?env-slug=prod&recursive=true",
                "/app?env-slug=prod&recursive=true"))
                .containsExactly(Map.entry("infisical.secrets-path", "/app"), Map.entry("infisical.env-slug", "prod"),
                        Map.entry("infisical.recursive", "true"));
    }

    @Test
    void semicolonSeparatesFoldersOfOneImport() {
        assertThat(InfisicalConfigDataLocationResolver.overrides("x", "/shared;/app"))
                .containsEntry("infisical.secrets-path", "/shared,/app");
    }

    @Test
    void bareImportUsesTheGlobalSettings() {
        assertThat(InfisicalConfigDataLocationResolver.overrides("infisical:", "")).isEmpty();
    }

    @Test
    void credentialsAndUnknownParametersAreRefusedInTheImportUrl() {
        assertThatThrownBy(() -> InfisicalConfigDataLocationResolver.overrides("l", "/app?auth.service-token=st.a.b"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("never in the import URL")
                .hasMessageNotContaining("st.a.b");
        assertThatThrownBy(() -> InfisicalConfigDataLocationResolver.overrides("l", "/app?envslug=prod"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("envslug");
    }

    @Test
    void resourcesOfTheSameImportAndSettingsAreEqualAndShowNoSecrets() {
        InfisicalConfigDataLocationResolver resolver = new InfisicalConfigDataLocationResolver();
        List<InfisicalConfigDataResource> a = resolver.resolve("infisical:/app", false, SETTINGS, name -> java.util.Optional.empty());
        List<InfisicalConfigDataResource> b = resolver.resolve("infisical:/app", false, SETTINGS, name -> java.util.Optional.empty());
        List<InfisicalConfigDataResource> optional = resolver.resolve("infisical:/app", true, SETTINGS, name -> java.util.Optional.empty());

        assertThat(a).isEqualTo(b);
        assertThat(a.get(0)).isNotEqualTo(optional.get(0));
        assertThat(optional.get(0)).hasToString("optional:infisical:/app");
        assertThat(a.get(0).key()).doesNotContain("secretpart");
        assertThat(a.get(0).settings()).isPresent();
    }

    @Test
    void invalidSettingsAreKeptForTheLoaderToReport() {
        InfisicalConfigDataResource r = new InfisicalConfigDataLocationResolver()
                .resolve("infisical:", false, PropertyLookup.of(Map.of()), name -> java.util.Optional.empty()).get(0);

        assertThat(r.settings()).isEmpty();
        assertThat(r.settingsError()).get().isInstanceOf(ValidationException.class);
    }

    @Test
    void aCredentialPastedIntoTheImportUrlIsNeverRepeated() {
        InfisicalConfigDataLocationResolver resolver = new InfisicalConfigDataLocationResolver();
        for (String location : List.of("infisical:/app?auth.service-token=st.a.b.c",
                "infisical:/app?env-slug=dev&auth.client-secret=st.a.b.c", "infisical:/app?st.a.b.c",
                "infisical:/app?st.a1.b2.c3=x")) {
            InfisicalConfigDataResource r = resolver.resolve(location, true, SETTINGS, name -> java.util.Optional.empty())
                    .get(0);

            assertThat(r.settingsError()).as(location).get().satisfies(e -> assertThat(e.getMessage())
                    .doesNotContain("st.a.b.c").doesNotContain("a1.b2"));
            assertThat(r.toString()).as(location).doesNotContain("st.a.b.c").doesNotContain("a1.b2").contains("***");
            assertThat(r.location()).doesNotContain("st.a.b.c").doesNotContain("a1.b2");
        }
        assertThat(InfisicalLocations.redact("infisical:/app?auth.service-token=st.a.b.c"))
                .isEqualTo("infisical:/app?auth.service-token=***");
    }

    @Test
    void acceptedOverridesStayVisibleSoImportsKeepDistinctNames() {
        assertThat(InfisicalLocations.redact("infisical:/app?env-slug=prod&recursive=true"))
                .isEqualTo("infisical:/app?env-slug=prod&recursive=true");
        assertThat(new InfisicalConfigDataLocationResolver().resolve("infisical:/app?env-slug=prod", false, SETTINGS,
                name -> java.util.Optional.empty()).get(0).location()).isEqualTo("infisical:/app?env-slug=prod");
    }

    @Test
    void anUnsetPlaceholderInACredentialIsNamedOnlyWhenItIsTheWholeValue() {
        PropertyLookup lookup = InfisicalConfigDataLocationResolver.binderLookup(new org.springframework.boot.context
                .properties.bind.Binder(new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                Map.of("infisical.auth.service-token", "${NO_SUCH_VARIABLE}",
                        "infisical.auth.client-secret", "st.partof${secret}",
                        "infisical.env-slug", "x${NO_SUCH_ENV}"))));

        assertThatThrownBy(() -> lookup.get("infisical.auth.service-token"))
                .hasMessageContaining("${NO_SUCH_VARIABLE}");
        assertThatThrownBy(() -> lookup.get("infisical.auth.client-secret"))
                .hasMessageContaining("infisical.auth.client-secret").hasMessageNotContaining("partof")
                .hasMessageNotContaining("secret}");
        assertThatThrownBy(() -> lookup.get("infisical.env-slug")).hasMessageContaining("${NO_SUCH_ENV}");
    }

    // a universal-auth client secret: 64 hex characters, a valid folder name for core
    private static final String SECRET_CANARY = "c4a7e2" + "0123456789abcdef".repeat(3) + "9f3e8d7c6b";

    @Test
    void aCredentialPastedAsTheImportPathIsRefusedBeforeCoreCanQuoteIt() {
        InfisicalConfigDataLocationResolver resolver = new InfisicalConfigDataLocationResolver();
        for (String location : List.of("infisical:st.c4a7e2.aa.bb", "infisical:/" + SECRET_CANARY,
                "infisical:/app;/eyJc4a7e2", "infisical:/app/x.c4a7e2", "infisical:?secrets-path=/app/" + SECRET_CANARY)) {
            InfisicalConfigDataResource r = resolver.resolve(location, false, SETTINGS, name -> java.util.Optional.empty())
                    .get(0);

            assertThat(r.settings()).as(location).isEmpty();
            assertThat(r.settingsError()).as(location).get().isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(e.getMessage() + e.hint().orElse("")).contains("looks like a credential")
                            .doesNotContain("c4a7e2"));
            assertThat(r.location()).as(location).doesNotContain("c4a7e2").contains("***");
            assertThat(r.toString()).doesNotContain("c4a7e2");
        }
    }

    @Test
    void aCredentialInTheSecretsPathPropertyIsRefusedNamingOnlyTheProperty() {
        PropertyLookup settings = name -> name.equals("infisical.secrets-path")
                ? java.util.Optional.of("/" + SECRET_CANARY) : SETTINGS.get(name);
        InfisicalConfigDataResource r = new InfisicalConfigDataLocationResolver().resolve("infisical:", false, settings,
                name -> java.util.Optional.empty()).get(0);

        assertThat(r.settingsError()).get().satisfies(e -> assertThat(e.getMessage())
                .contains("infisical.secrets-path", "looks like a credential").doesNotContain("c4a7e2"));
        assertThat(new InfisicalConfigDataLocationResolver().resolve("infisical:/app", false, settings,
                name -> java.util.Optional.empty()).get(0).settings()).as("the import's own path replaces it").isPresent();
    }

    @Test
    void redactMasksCredentialLikePathSegmentsAndHostUserInfoButKeepsFolderNames() {
        assertThat(InfisicalLocations.redact("infisical:st.c4a7e2.aa.bb")).isEqualTo("infisical:***");
        assertThat(InfisicalLocations.redact("optional:infisical:/shared;/app/" + SECRET_CANARY + "/x"))
                .isEqualTo("optional:infisical:/shared;/app/***/x");
        assertThat(InfisicalLocations.redact("infisical:/app?host-api=https://bob:c4a7e2@vault.example.com/api"))
                .isEqualTo("infisical:/app?host-api=https://vault.example.com/api");
        assertThat(InfisicalLocations.redact("infisical:/app?secrets-path=/a,/eyJc4a7e2"))
                .isEqualTo("infisical:/app?secrets-path=/a,/***");
        assertThat(InfisicalLocations.redact("infisical:/my-app/db_2?host-api=http://127.0.0.1:8080"))
                .isEqualTo("infisical:/my-app/db_2?host-api=http://127.0.0.1:8080");
        assertThat(InfisicalSanitizingFunction.redactImports("classpath:extra.properties,optional:infisical:st.c4a7e2.a.b"))
                .isEqualTo("classpath:extra.properties,optional:infisical:***");
    }

    @Test
    void oneResolutionBindsEachNameOnceButAFailingNameFailsEveryTime() {
        Map<String, Integer> calls = new java.util.HashMap<>();
        PropertyLookup counting = name -> {
            calls.merge(name, 1, Integer::sum);
            if (name.equals("infisical.auth.client-id")) {
                throw new ValidationException("infisical.auth.client-id refers to ${MISSING}, which is not set", "set it");
            }
            return SETTINGS.get(name);
        };
        PropertyLookup memo = InfisicalConfigDataLocationResolver.memoised(counting);
        for (int i = 0; i < 3; i++) {
            assertThat(memo.get("infisical.env-slug")).contains("dev");
            assertThat(memo.get("infisical.project-id")).isEmpty();
            assertThatThrownBy(() -> memo.get("infisical.auth.client-id")).isInstanceOf(ValidationException.class);
        }
        assertThat(calls).containsEntry("infisical.env-slug", 1).containsEntry("infisical.project-id", 1)
                .containsEntry("infisical.auth.client-id", 3);
    }
}
