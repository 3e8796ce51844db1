package dev.infisicalpro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"app", "/app", "/app/", " /app ", "//app//"})
    void spellingsOfOneFolderNormaliseToTheSamePath(String raw) {
        assertThat(SecretPath.of(raw).value()).isEqualTo("/app");
    }

    @Test
    void blankMeansRootAndRootHasNoParentAboveItself() {
        assertThat(SecretPath.of(" ")).isEqualTo(SecretPath.ROOT);
        assertThat(SecretPath.ROOT.parent()).isEqualTo(SecretPath.ROOT);
        assertThat(SecretPath.of("/a/b").parent().child("c").value()).isEqualTo("/a/c");
        assertThat(SecretPath.of("/a").contains(SecretPath.of("/a/b"))).isTrue();
        assertThat(SecretPath.of("/a").contains(SecretPath.of("/ab"))).isFalse();
    }

    @Test
    void aFolderNameTheServerWouldAnswer500ForIsRefusedNamingIt() {
        assertThatThrownBy(() -> SecretPath.of("/has space"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'has space'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"st.6f1c2a.9b8e7d6c5b4a.0011223344", "eyJhbGciOiJIUzI1NiJ9.e30.sig",
            "Zk9yZXZlckFuZE5ldmVyQUNsaWVudFNlY3JldA%"})
    void aTokenPastedAsAPathIsRefusedWithoutRepeatingIt(String token) {
        assertThatThrownBy(() -> SecretPath.of("/" + token))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("looks like a token")
                .hasMessageNotContaining(token)
                .hasMessageNotContaining(token.substring(0, 10));
    }
}
