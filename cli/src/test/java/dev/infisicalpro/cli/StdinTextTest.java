package dev.infisicalpro.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bounded, strict UTF-8 stdin: text comes back whole, anything else is refused without quoting it. */
class StdinTextTest {

    @Test
    void readsUtf8TextWhole() throws Exception {
        byte[] in = "grüße-✓ CANARY\n".getBytes(StandardCharsets.UTF_8);
        assertThat(StdinText.read(new ByteArrayInputStream(in), in.length, "x")).isEqualTo("grüße-✓ CANARY\n");
    }

    @Test
    void refusesMoreThanTheBoundAndInvalidUtf8WithoutQuotingIt() {
        byte[] big = "CANARY-0123456789".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StdinText.read(new ByteArrayInputStream(big), big.length - 1, "the value"))
                .hasMessage("the value is larger than " + (big.length - 1) + " bytes");
        byte[] latin1 = "CANARY-caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> StdinText.read(new ByteArrayInputStream(latin1), 100, "the value"))
                .hasMessage("the value on stdin is not UTF-8");
    }
}
