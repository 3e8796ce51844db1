package dev.infisicalpro.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretGeneratorTest {

    @Test
    void everyCharacterOfTheSetIsDrawnAboutEquallyOften() {
        String chars = SecretGenerator.charset("alnum");
        int[] counts = new int[chars.length()];
        int samples = 2000;
        for (int i = 0; i < samples; i++) {
            for (char c : SecretGenerator.generate(64, chars).toCharArray()) {
                counts[chars.indexOf(c)]++;
            }
        }
        double expected = samples * 64.0 / chars.length();
        double chiSquare = 0;
        for (int n : counts) {
            chiSquare += (n - expected) * (n - expected) / expected;
        }
        // 61 degrees of freedom: p = 1e-6 is at about 130; a biased generator lands far above
        assertThat(chiSquare).isLessThan(130);
        assertThat(SecretGenerator.entropyBits(40, chars)).isGreaterThan(230);
    }

    @Test
    void lengthOutsideTheMandateIsRefused() {
        assertThatThrownBy(() -> SecretGenerator.generate(31, SecretGenerator.charset("hex")))
                .isInstanceOf(CliException.class);
        assertThatThrownBy(() -> SecretGenerator.generate(65, SecretGenerator.charset("hex")))
                .isInstanceOf(CliException.class);
    }
}
