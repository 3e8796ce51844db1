package dev.infisicalpro.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code generate}: strong, uniform-looking secrets of the asked length and character set. */
class GenerateIT {

    @Test
    void defaultIsFortyAlphanumericCharactersAndDifferentEachTime() {
        CliProcess.Result a = CliProcess.of("generate").run();
        CliProcess.Result b = CliProcess.of("generate").run();
        assertThat(a.exitCode()).as(a.toString()).isZero();
        assertThat(a.stdout()).matches("[A-Za-z0-9]{40}\\R");
        assertThat(b.stdout()).matches("[A-Za-z0-9]{40}\\R").isNotEqualTo(a.stdout());
    }

    @Test
    void lengthAndCharsetAreHonoured() {
        CliProcess.Result hex = CliProcess.of("generate", "--length", "64", "--charset", "hex").run();
        assertThat(hex.stdout()).matches("[0-9a-f]{64}\\R");
        CliProcess.Result sym = CliProcess.of("generate", "--length", "32", "--charset", "symbols").run();
        assertThat(sym.stdout()).matches("[A-Za-z0-9!#%+\\-.:=@^_~]{32}\\R");
    }

    @Test
    void tooShortOrUnknownCharsetIsAUsageError() {
        CliProcess.Result shortOne = CliProcess.of("generate", "--length", "16").run();
        assertThat(shortOne.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(shortOne.stdout()).isEmpty();
        assertThat(shortOne.stderr()).contains("32..64");

        CliProcess.Result charset = CliProcess.of("generate", "--charset", "emoji").run();
        assertThat(charset.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(charset.stderr()).contains("alnum");
    }
}
