package dev.infisicalpro.cli.exec;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretIdTest {

    @Test
    void readsTheThreeForms() {
        SecretId key = SecretId.parse("DB_PASSWORD");
        assertThat(key.environment()).isEmpty();
        assertThat(key.path()).isEmpty();
        assertThat(key.key()).isEqualTo("DB_PASSWORD");

        SecretId folder = SecretId.parse("app/db/DB_PASSWORD");
        assertThat(folder.path().map(Object::toString)).contains("/app/db");
        assertThat(SecretId.parse("/app/DB_PASSWORD").path().map(Object::toString)).contains("/app");
        assertThat(SecretId.parse("/DB_PASSWORD").path().map(Object::toString)).contains("/");

        SecretId env = SecretId.parse("prod:/app/DB_PASSWORD");
        assertThat(env.environment()).isEqualTo(Optional.of("prod"));
        assertThat(env.path().map(Object::toString)).contains("/app");
        assertThat(SecretId.parse("prod:KEY").path()).isEmpty();
    }

    @Test
    void refusesWhatOpenClawRefusesAndWhatNamesNoKey() {
        assertThatThrownBy(() -> SecretId.parse("-x")).hasMessageContaining("not a valid id");
        assertThatThrownBy(() -> SecretId.parse("a b")).hasMessageContaining("not a valid id");
        assertThatThrownBy(() -> SecretId.parse("app/")).hasMessageContaining("ends with '/'");
        assertThatThrownBy(() -> SecretId.parse("app/../KEY")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> SecretId.parse("a:b:KEY")).hasMessageContaining("':'");
        assertThatThrownBy(() -> SecretId.parse("x".repeat(300))).hasMessageContaining("not a valid id");
    }
}
