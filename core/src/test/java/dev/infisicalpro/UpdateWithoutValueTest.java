package dev.infisicalpro;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rename- and comment-only updates leave the value to the server: OCT24 requires {@code secretValue} on
 * PATCH (then, and only then, the stored value is read and re-sent); newer servers do not, so nothing
 * read earlier can overwrite a concurrent change.
 */
class UpdateWithoutValueTest {

    private static final String ONE = "/api/v3/secrets/raw/";
    private static final String BATCH = "/api/v3/secrets/batch/raw";
    private static final String LIST = "/api/v3/secrets/raw";

    private FakeInfisical fake;
    private FakeProject project;
    private InfisicalClient client;

    private Scope start(Generation g) {
        fake = FakeInfisical.builder().generation(g).build().start();
        project = fake.createProject("demo");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "A", "a-value");
        project.putSecret("dev", "/app", "B", "b-value");
        client = FakeClients.admin(fake, project, "app");
        return Scope.of(ProjectRef.id(project.id()), "dev", "/app");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private List<RecordedRequest> patches(String path) {
        return fake.journal().requests("PATCH", path);
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void renameAndCommentKeepTheStoredValue(Generation g) {
        Scope app = start(g);
        client.secrets().update(app, "A", SecretUpdate.rename("A2"));
        client.secrets().update(app, "A2", SecretUpdate.comment("note"));
        assertThat(project.secretValue("dev", "/app", "A2")).hasValue("a-value");
        List<RecordedRequest> sent = fake.journal().requests("PATCH", "*");
        if (g == Generation.OCT24) {
            // refused without a value, then re-sent with the stored one: 2 PATCHes + 1 list each
            assertThat(sent).hasSize(4);
            assertThat(fake.journal().count("GET", LIST)).isEqualTo(2);
        } else {
            assertThat(sent).hasSize(2).allSatisfy(r -> assertThat(r.body()).doesNotContain("secretValue"));
            assertThat(fake.journal().count("GET", LIST)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void batchRenameKeepsStoredValuesAndSendsNoneWhereTheServerAllowsIt(Generation g) {
        Scope app = start(g);
        Map<String, SecretUpdate> updates = new LinkedHashMap<>();
        updates.put("A", SecretUpdate.rename("A2"));
        updates.put("B", SecretUpdate.value("b-new"));
        client.secrets().updateAll(app, updates);
        assertThat(project.secretValue("dev", "/app", "A2")).hasValue("a-value");
        assertThat(project.secretValue("dev", "/app", "B")).hasValue("b-new");
        if (g == Generation.CURRENT) {
            assertThat(patches(BATCH)).hasSize(1);
            assertThat(patches(BATCH).get(0).body()).doesNotContain("a-value");
            assertThat(fake.journal().count("GET", LIST)).isZero();
        } else {
            assertThat(patches(BATCH)).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void renameInAMissingFolderIsFolderNotFoundOnEveryGeneration(Generation g) {
        Scope missing = start(g).withPath(SecretPath.of("/no/such"));
        assertThatThrownBy(() -> client.secrets().update(missing, "A", SecretUpdate.rename("A2")))
                .isInstanceOf(FolderNotFoundException.class).hasMessageContaining("create");
        assertThatThrownBy(() -> client.secrets().update(missing, "A", SecretUpdate.comment("c")))
                .isInstanceOf(FolderNotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void renameOfAMissingKeyInAnExistingFolderIsSecretNotFound(Generation g) {
        Scope app = start(g);
        assertThatThrownBy(() -> client.secrets().update(app, "NOPE", SecretUpdate.rename("X")))
                .isInstanceOf(SecretNotFoundException.class);
    }
}
