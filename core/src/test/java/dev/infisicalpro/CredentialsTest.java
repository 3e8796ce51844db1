package dev.infisicalpro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials refuse values that would fail deep in the HTTP stack, with a message that never shows them. */
class CredentialsTest {

    private static final String CANARY = "CANARY-5e1d";

    @Test
    void accessTokenThatIsAServiceTokenIsRefusedWithTheRightPropertyName() {
        assertThatThrownBy(() -> Credentials.accessToken("st.abc." + CANARY + ".key"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Credentials.serviceToken").hasMessageContaining("infisical.auth.service-token")
                .message().doesNotContain(CANARY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\u007f", "\u2013", "\u00e9", "\u00a0"})
    void tokensAndSecretsWithControlOrNonAsciiCharactersAreRefusedWithoutEchoingThem(String bad) {
        String value = CANARY + bad + "x";
        List<Function<String, Credentials>> kinds = List.of(
                Credentials::accessToken,
                v -> Credentials.serviceToken("st.id." + v),
                v -> Credentials.universalAuth("client-id", v),
                v -> Credentials.universalAuth(v, "secret"),
                v -> Credentials.kubernetes(v, Path.of("/tmp/jwt")));
        for (Function<String, Credentials> kind : kinds) {
            assertThatThrownBy(() -> kind.apply(value)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("control or non-ASCII")
                    .message().doesNotContain(CANARY);
        }
    }

    @Test
    void ordinaryAsciiCredentialsAreAccepted() {
        assertThatCode(() -> {
            Credentials.accessToken("eyJhbGciOiJIUzI1NiJ9.e30.sig");
            Credentials.serviceToken("st.id.secret.key\n"); // whitespace is stripped from service tokens
            Credentials.universalAuth(" 2e5a9a2c-9a6c ", " cs-1 ");
        }).doesNotThrowAnyException();
    }
}
