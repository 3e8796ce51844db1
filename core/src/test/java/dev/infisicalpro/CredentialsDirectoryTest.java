package dev.infisicalpro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's key names, whitespace trimmed, other spellings refused by name. */
class CredentialsDirectoryTest {

    @TempDir
    Path dir;

    private void put(String name, String value) throws Exception {
        Files.writeString(dir.resolve(name), value);
    }

    @Test
    void clientIdAndClientSecretMeanUniversalAuthWithWhitespaceTrimmed() throws Exception {
        put("clientId", "  cid\n");
        put("clientSecret", "cs\r\n");
        assertThat(Credentials.fromDirectory(dir)).isEqualTo(Credentials.universalAuth("cid", "cs"));
    }

    @Test
    void infisicalTokenStartingWithStIsAServiceToken() throws Exception {
        put("infisicalToken", "st.id.sec ret.key\n"); // the operator removes all spaces
        assertThat(Credentials.fromDirectory(dir)).isEqualTo(Credentials.serviceToken("st.id.secret.key"));
    }

    @Test
    void otherInfisicalTokenIsAnAccessToken() throws Exception {
        put("infisicalToken", "eyJ.jwt.sig\n");
        assertThat(Credentials.fromDirectory(dir)).isEqualTo(Credentials.accessToken("eyJ.jwt.sig"));
    }

    @Test
    void kubernetesSecretMountBookkeepingIsIgnored() throws Exception {
        Files.createDirectory(dir.resolve("..2026_11_29_08_00_00.123"));
        put("..data", "x");
        put("clientId", "cid");
        put("clientSecret", "cs");
        assertThat(Credentials.fromDirectory(dir)).isInstanceOf(Credentials.UniversalAuth.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id", "client-secret", "CLIENT_ID", "infisical_token", "token", "ClientSecret"})
    void otherSpellingsAreRejectedNamingTheRightKeysAndWhatWasFound(String wrong) throws Exception {
        put(wrong, "value-that-must-not-appear");
        assertThatThrownBy(() -> Credentials.fromDirectory(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining(wrong).hasMessageContaining("clientId").hasMessageContaining("clientSecret")
                .hasMessageContaining("infisicalToken").hasMessageNotContaining("value-that-must-not-appear");
    }

    @Test
    void snakeCaseNextToTheRightKeysIsStillRejected() throws Exception {
        put("clientId", "cid");
        put("client_secret", "cs");
        assertThatThrownBy(() -> Credentials.fromDirectory(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("client_secret");
    }

    @Test
    void emptyDirectoryNamesTheKeys() {
        assertThatThrownBy(() -> Credentials.fromDirectory(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("clientId").hasMessageContaining("no files");
    }

    @Test
    void missingDirectoryIsAConfigurationError() {
        assertThatThrownBy(() -> Credentials.fromDirectory(dir.resolve("absent")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("infisical.auth.credentials-dir");
    }

    @Test
    void onlyHalfAPairNamesTheMissingKey() throws Exception {
        put("clientId", "cid");
        assertThatThrownBy(() -> Credentials.fromDirectory(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no clientSecret");
    }

    @Test
    void emptyFileIsAConfigurationError() throws Exception {
        put("clientId", "cid");
        put("clientSecret", "  \n");
        assertThatThrownBy(() -> Credentials.fromDirectory(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("empty");
    }
}
