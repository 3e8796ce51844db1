package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The map identity adapters cache by, guaranteed by construction rather than by Map.copyOf's habits. */
class SecretSnapshotTest {

    private static Secret secret(String key, String value) {
        return new Secret(key, value, "", 1, SecretType.SHARED, new Provenance("dev", SecretPath.ROOT, false));
    }

    @Test
    void aSnapshotBuiltFromAnotherSnapshotsMapKeepsItsRevision() {
        SecretSnapshot first = new SecretSnapshot(Map.of("A", secret("A", "1")), "e1", Instant.EPOCH);
        SecretSnapshot confirmed = new SecretSnapshot(first.secrets(), first.etag(), Instant.EPOCH.plusSeconds(60));
        assertThat(confirmed.revision()).isEqualTo(first.revision());
        assertThat(confirmed.secrets()).isSameAs(first.secrets());
        assertThat(confirmed.fetchedAt()).isAfter(first.fetchedAt());

        SecretSnapshot sameContentRebuilt = new SecretSnapshot(Map.copyOf(first.secrets()), "e1", Instant.EPOCH);
        assertThat(sameContentRebuilt.revision()).as("built anew: a new revision").isGreaterThan(first.revision());
    }

    @Test
    void anyOtherMapIsCopiedEvenAnImmutableOne() {
        Map<String, Secret> mutable = new HashMap<>(Map.of("A", secret("A", "1")));
        SecretSnapshot snap = new SecretSnapshot(mutable, "", Instant.EPOCH);
        mutable.put("B", secret("B", "2"));
        assertThat(snap.keys()).containsExactly("A");

        Map<String, Secret> immutable = Map.of("A", secret("A", "1"));
        SecretSnapshot other = new SecretSnapshot(immutable, "", Instant.EPOCH);
        assertThat(other.secrets()).isNotSameAs(immutable).isEqualTo(immutable);
    }

    @Test
    void theSecretsMapIsUnmodifiable() {
        SecretSnapshot snap = new SecretSnapshot(Map.of("A", secret("A", "1")), "", Instant.EPOCH);
        assertThatThrownBy(() -> snap.secrets().put("B", secret("B", "2")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snap.secrets().remove("A")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snap.secrets().keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snap.secrets().entrySet().iterator().next().setValue(secret("A", "2")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(snap.find("A")).contains("1");
    }
}
