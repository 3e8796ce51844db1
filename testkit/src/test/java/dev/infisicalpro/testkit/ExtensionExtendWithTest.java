package dev.infisicalpro.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @ExtendWith} with constructor and method injection: one unseeded default server per class. */
@ExtendWith(FakeInfisicalExtension.class)
class ExtensionExtendWithTest {

    private final FakeInfisical fromConstructor;

    ExtensionExtendWithTest(FakeInfisical fake) {
        this.fromConstructor = fake;
    }

    @Test
    void injected(FakeInfisical fake) {
        assertThat(fake).isSameAs(fromConstructor);
        assertThat(fake.generation()).isEqualTo(Generation.OCT24);
        assertThat(fake.projects()).isEmpty();
        assertThat(new Http(fake).get("/api/status", null).status()).isEqualTo(200);
    }
}
