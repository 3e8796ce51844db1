package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Local, else the last import that has the key, ..., else the first. */
class SecretListingTest {

    private static Secret s(String key, String value, String env, String path, boolean imported) {
        return new Secret(key, value, "", 1, SecretType.SHARED, new Provenance(env, SecretPath.of(path), imported));
    }

    @Test
    void localValueBeatsEveryImportAndTheLastImportBeatsEarlierOnes() {
        SecretListing l = new SecretListing(
                List.of(s("LOCAL", "own", "dev", "/app", false)),
                List.of(new ImportedSecrets("staging", SecretPath.of("/app"), List.of(
                                s("LOCAL", "first-import", "staging", "/app", true),
                                s("A", "first", "staging", "/app", true),
                                s("ONLY_FIRST", "x", "staging", "/app", true))),
                        new ImportedSecrets("prod", SecretPath.ROOT, List.of(
                                s("A", "last", "prod", "/", true)))),
                "\"etag\"");
        Map<String, Secret> eff = l.effective();
        assertThat(eff.get("LOCAL").value()).isEqualTo("own");
        assertThat(eff.get("LOCAL").source().imported()).isFalse();
        assertThat(eff.get("A").value()).isEqualTo("last");
        assertThat(eff.get("A").source()).isEqualTo(new Provenance("prod", SecretPath.ROOT, true));
        assertThat(eff.get("ONLY_FIRST").environment()).isEqualTo("staging");
        assertThat(eff.keySet()).containsExactly("LOCAL", "A", "ONLY_FIRST");
    }

    @Test
    void toStringShowsCountsNotValues() {
        SecretListing l = new SecretListing(List.of(s("K", "VALUE-CANARY", "dev", "/", false)), List.of(), "");
        assertThat(l.toString() + l.secrets()).doesNotContain("VALUE-CANARY").contains("secrets=1");
    }
}
