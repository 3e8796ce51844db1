package dev.infisicalpro;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.MutableClock;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One FakeInfisical with a project, a universal-auth identity and a client sharing the fake's
 * clock, plus a manual scheduler that moves that clock: everything a live-secrets test needs,
 * deterministic and without sleeps.
 */
final class LiveFixture implements AutoCloseable {

    /** Appears in secret values; must never show up in logs, toString() or messages. */
    static final String CANARY = "canary-7f3a9e-s3cr3t";

    static final String LIST = "/api/v3/secrets/raw";
    static final String LOGIN = "/api/v1/auth/universal-auth/login";

    final MutableClock clock = MutableClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    final FakeInfisical fake = FakeInfisical.builder().clock(clock).build().start();
    final FakeProject project = fake.createProject("live-demo");
    final UniversalAuthCredentials identity;
    final InfisicalClient client;
    final LiveManualScheduler scheduler = new LiveManualScheduler(clock::advance);
    final List<SecretChange> events = Collections.synchronizedList(new ArrayList<>());
    final LiveLogCapture logs = new LiveLogCapture();

    LiveFixture() {
        this(Duration.ofHours(2));
    }

    LiveFixture(Duration accessTokenTtl) {
        identity = project.createUniversalAuthIdentity("live-app", Role.ADMIN, accessTokenTtl, Duration.ofDays(30));
        client = InfisicalClient.builder()
                .host(fake.url())
                .credentials(Credentials.universalAuth(identity.clientId(), identity.clientSecret()))
                .clock(clock)
                .retryPolicy(RetryPolicy.none()) // one request per refresh: the loop's own backoff is under test
                .build();
    }

    SecretQuery query(String... paths) {
        return SecretQuery.of(ProjectRef.id(project.id()), "dev", paths);
    }

    /** A builder on the manual scheduler, with listeners run inline and recorded in {@link #events}. */
    LiveSecrets.Builder live(String... paths) {
        return client.live(query(paths)).scheduler(scheduler).listenerExecutor(Runnable::run);
    }

    LiveSecrets startRecording(LiveSecrets.Builder builder) {
        LiveSecrets live = builder.start();
        live.addListener(events::add);
        return live;
    }

    int lists() {
        return fake.journal().count("GET", LIST);
    }

    int logins() {
        return fake.journal().count("POST", LOGIN);
    }

    @Override
    public void close() {
        logs.close();
        client.close();
        fake.close();
    }
}
