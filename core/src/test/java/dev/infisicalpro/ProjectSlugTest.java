package dev.infisicalpro;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Generation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A project named by slug is resolved with GET /api/v2/workspace/:slug, once, without listing the environment. */
class ProjectSlugTest {

    private FakeInfisical fake;
    private FakeProject project;
    private InfisicalClient client;

    private InfisicalClient start(Generation g) {
        fake = FakeInfisical.builder().generation(g).build().start();
        project = fake.createProject("demo");
        project.createFolder("dev", "/app");
        project.putSecret("dev", "/app", "A", "a");
        project.putSecret("dev", "/app/deep", "B", "b");
        return client(project);
    }

    private InfisicalClient client(FakeProject p) {
        client = FakeClients.admin(fake, p, "app-" + p.slug());
        return client;
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

    @ParameterizedTest
    @EnumSource(Generation.class)
    void writesByProjectSlugResolveItOnceThroughTheSlugRoute(Generation g) {
        InfisicalClient c = start(g);
        Scope app = Scope.of(ProjectRef.slug(project.slug()), "dev", "/app");
        c.secrets().create(app, NewSecret.of("C", "c"));
        c.secrets().update(app, "C", SecretUpdate.value("c2"));
        c.folders().list(app);
        assertThat(project.secretValue("dev", "/app", "C")).hasValue("c2");
        assertThat(fake.journal().count("GET", "/api/v2/workspace/" + project.slug())).isEqualTo(1);
        assertThat(fake.journal().count("GET", "/api/v3/secrets/raw")).isZero(); // no listing of the environment
    }

    @Test
    void concurrentFirstUsesShareOneResolution() throws Exception {
        InfisicalClient c = start(Generation.OCT24);
        Scope app = Scope.of(ProjectRef.slug(project.slug()), "dev", "/app");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Folder>>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    return c.folders().list(app);
                }));
            }
            go.countDown();
            for (Future<List<Folder>> f : all) {
                assertThat(f.get(20, TimeUnit.SECONDS)).extracting(Folder::name).containsExactly("deep");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fake.journal().count("GET", "/api/v2/workspace/" + project.slug())).isEqualTo(1);
    }

    @Test
    void unknownSlugIsNotFoundNamingTheSetting() {
        InfisicalClient c = start(Generation.OCT24);
        Scope scope = Scope.of(ProjectRef.slug("no-such-project"), "dev", "/");
        assertThatThrownBy(() -> c.secrets().create(scope, NewSecret.of("K", "v")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-project").hasMessageContaining("infisical.project-slug");
        // a failure is not cached: the next call asks again
        assertThatThrownBy(() -> c.secrets().create(scope, NewSecret.of("K", "v"))).isInstanceOf(NotFoundException.class);
        assertThat(fake.journal().count("GET", "/api/v2/workspace/no-such-project")).isEqualTo(2);
    }

    @Test
    void projectOfAnotherTeamIsAPermissionErrorSayingTheIdentityIsNoMember() {
        start(Generation.OCT24);
        client.close();
        FakeProject other = fake.createProject("other");
        InfisicalClient c = client(other);
        Scope scope = Scope.of(ProjectRef.slug(project.slug()), "dev", "/");
        assertThatThrownBy(() -> c.folders().list(scope))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("not a member");
    }
}
