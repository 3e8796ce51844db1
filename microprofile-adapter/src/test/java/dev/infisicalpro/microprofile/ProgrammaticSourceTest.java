package dev.infisicalpro.microprofile;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "by hand" snippet: a source over a LiveSecrets the application owns. */
class ProgrammaticSourceTest {

    @Test
    void sourceOverAnApplicationOwnedLiveViewFollowsRefreshesAndLeavesItOpen() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject p = fake.createProject("by-hand");
            p.putSecret("prod", "/app", "DB_PASSWORD", "first");
            String token = p.createServiceToken("app", List.of(TokenScope.of("prod", "/**")),
                    EnumSet.of(Permission.READ)).token();
            String projectId = p.id();

            // README: "Adding the source by hand"
            try (InfisicalClient client = InfisicalClient.builder()
                         .host(fake.url())
                         .credentials(Credentials.serviceToken(token))
                         .build();
                 LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(projectId), "prod", "/app"))
                         .resyncInterval(Duration.ofSeconds(60))
                         .start()) {
                SmallRyeConfig config = new SmallRyeConfigBuilder()
                        .addDefaultSources()
                        .withSources(InfisicalConfigSource.of(live, InfisicalConfigSource.DEFAULT_ORDINAL))
                        .build();
                String password = config.getValue("db.password", String.class);
                // end of snippet

                assertThat(password).isEqualTo("first");
                assertThat(config.getConfigValue("db.password").getSourceName())
                        .isEqualTo("InfisicalConfigSource[" + projectId + "/prod/app]");
                p.putSecret("prod", "/app", "DB_PASSWORD", "second");
                live.refreshNow();
                assertThat(config.getValue("db.password", String.class)).isEqualTo("second");

                for (var source : config.getConfigSources()) {
                    if (source instanceof InfisicalConfigSource s) {
                        s.close(); // an of(...) source does not own the live view
                    }
                }
                assertThat(live.refreshNow().isEmpty()).isTrue();
            }
        }
    }
}
