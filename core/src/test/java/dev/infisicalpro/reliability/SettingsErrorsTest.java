package dev.infisicalpro.reliability;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10, defect 4: a settings error names the setting and the rule, never the value: a token
 * pasted into the wrong setting (or INFISICAL_API_URL and INFISICAL_TOKEN swapped) must not reach
 * the exception, and from there MicroProfile's startup error or Spring Boot's failure report.
 */
@ExtendWith(ThreadBaseline.class)
class SettingsErrorsTest {

    static final String SERVICE_TOKEN = "st.64f0c8e5a1d2CANARY.9f8e7d6c5b4aCANARY.0a1b2c3d";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJDANARY.CANARYsig";
    static final String OPAQUE = "CANARYa9f8e7d6c5b4a39281706f5e4d3c2b1a0=="; // base64-ish, as secrets often are
    static final String SHORT = "CANARY42"; // short, still not a word we may quote

    private static InfisicalSettings load(Map<String, String> props, Map<String, String> env) {
        return InfisicalSettings.load(PropertyLookup.of(props), PropertyLookup.of(env));
    }

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("infisical.env-slug", "dev");
        m.put("infisical.auth.access-token", "at-x");
        return m;
    }

    static Stream<Arguments> pastedValues() {
        List<Arguments> out = new ArrayList<>();
        for (String key : List.of("infisical.secrets-path", "infisical.host-api", "infisical.fail-fast",
                "infisical.resync-interval", "infisical.max-staleness", "infisical.ordinal", "infisical.recursive",
                "infisical.include-imports", "infisical.expand-secret-references", "infisical.enabled")) {
            for (String value : List.of(SERVICE_TOKEN, JWT, OPAQUE, SHORT + " x")) {
                out.add(Arguments.of(key, value));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pastedValues")
    void aCredentialPastedIntoASettingIsNamedButNeverQuoted(String key, String value) {
        Map<String, String> props = base();
        props.put(key, value);
        Throwable t = catchThrowable(() -> load(props, Map.of()));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining(key);
        assertThat(t.getMessage()).doesNotContain("CANARY");
        Faults.assertNoCanary(t);
    }

    @Test
    void swappedApiUrlAndTokenVariablesAreNamedAsSwappedWithoutQuotingEither() {
        Map<String, String> env = Map.of("INFISICAL_API_URL", SERVICE_TOKEN,
                "INFISICAL_TOKEN", "https://infisical.example.com", "INFISICAL_ENV_SLUG", "dev");
        Throwable t = catchThrowable(() -> load(Map.of(), env));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("INFISICAL_API_URL")
                .hasMessageContaining("swapped");
        assertThat(t.getMessage()).doesNotContain("CANARY");

        Throwable url = catchThrowable(() -> load(Map.of(), Map.of("INFISICAL_TOKEN", "https://infisical.example.com",
                "INFISICAL_ENV_SLUG", "dev")));
        assertThat(url).isInstanceOf(ValidationException.class).hasMessageContaining("INFISICAL_TOKEN")
                .hasMessageContaining("swapped");
    }

    /**
     * A URL with {@code user:password@} is refused without quoting either, whichever rule it breaks first:
     * the user info itself, or (before the fix, quoted whole) a scheme that is not http(s), a missing host
     * or a host OkHttp cannot parse.
     */
    @ParameterizedTest
    @ValueSource(strings = {"https://admin:pw-CANARY-77@infisical.example.com",
            "ftp://admin:pw-CANARY-77@infisical.example.com", "https://admin:pw-CANARY-77@/api",
            "https://admin:pw-CANARY-77@infisical example.com/api"})
    void aHostWithUserAndPasswordIsRefusedWithoutQuotingThem(String host) {
        Map<String, String> props = base();
        props.put("infisical.host-api", host);
        Throwable t = catchThrowable(() -> load(props, Map.of()));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("infisical.host-api");
        assertThat(t.getMessage()).doesNotContain("CANARY").doesNotContain("admin");
        Faults.assertNoCanary(t);
        if (host.startsWith("https://") && host.endsWith(".com")) {
            assertThat(t).hasMessageContaining("user info");
        }
    }

    @Test
    void aShortKnownWordIsQuotedBecauseItCannotBeASecret() {
        Map<String, String> props = base();
        props.put("infisical.fail-fast", "yes");
        assertThat(catchThrowable(() -> load(props, Map.of()))).hasMessageContaining("infisical.fail-fast")
                .hasMessageContaining("'yes'").hasMessageContaining("true or false");
    }

    @Test
    void theEnvironmentVariableIsNamedWhenTheValueCameFromThere() {
        Throwable t = catchThrowable(() -> load(Map.of(), Map.of("INFISICAL_API_URL", "ftp://" + OPAQUE,
                "INFISICAL_TOKEN", "at-x", "INFISICAL_ENV_SLUG", "dev")));
        assertThat(t).hasMessageContaining("INFISICAL_API_URL (environment)");
        assertThat(t.getMessage()).doesNotContain("CANARY");
    }
}
