package dev.infisicalpro.examples.plain;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.LiveStatus;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's "Live secrets" snippet (between the markers) against FakeInfisical. */
class ReadmeLiveSecretsTest {

    private static final Logger log = Logger.getLogger("readme");

    @Test
    void liveSecretsSnippetMergesFoldersInOrderAndReportsStatus() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            FakeProject project = fake.createProject("readme");
            project.putSecret("dev", "/shared", "DB_PASSWORD", "shared-value");
            project.putSecret("dev", "/app", "DB_PASSWORD", "app-value");
            String host = fake.url();
            String token = project.createServiceToken("readme", List.of(TokenScope.of("dev", "/**")),
                    EnumSet.of(Permission.READ)).token();
            String seen;
            LiveStatus seenStatus;

            // README:begin live-secrets
            try (InfisicalClient client = InfisicalClient.builder()
                    .host(host)
                    .credentials(Credentials.serviceToken(token))
                    .build();
                 LiveSecrets live = client.live(SecretQuery.of(ProjectRef.fromToken(), "dev", "/shared", "/app"))
                         .resyncInterval(Duration.ofSeconds(60))    // ±10 % jitter, one shared daemon thread
                         .maxStaleness(Duration.ofMinutes(15))      // status() turns unhealthy past this age
                         .start()) {
                String password = live.get("DB_PASSWORD");          // later folders win: /app over /shared
                live.addListener(change -> log.info("rotated: " + change.changed()));   // key names, never values
                LiveStatus status = live.status();                  // age, stale, consecutive failures
            // README:end live-secrets
                seen = password;                                    // not in README
                seenStatus = status;                                // not in README
            }

            assertThat(seen).isEqualTo("app-value");
            assertThat(seenStatus.loaded()).isTrue();
            assertThat(seenStatus.healthy()).isTrue();
            assertThat(seenStatus.stale()).isFalse();
        }
    }
}
