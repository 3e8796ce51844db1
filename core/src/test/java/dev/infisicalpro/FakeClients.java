package dev.infisicalpro;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;

import java.time.Duration;

/** Clients for tests that talk to the testkit's FakeInfisical, on the fake's own clock. */
final class FakeClients {

    private FakeClients() {
    }

    /** A universal-auth identity on {@code project} and a client logged in as it. */
    static InfisicalClient universalAuth(FakeInfisical fake, FakeProject project, String identityName, Role role,
            Duration ttl, Duration maxTtl) {
        return universalAuth(fake, project, identityName, role, ttl, maxTtl, b -> b);
    }

    /** Likewise, with the builder adjusted by {@code more} (e.g. a retry sleeper that does not wait). */
    static InfisicalClient universalAuth(FakeInfisical fake, FakeProject project, String identityName, Role role,
            Duration ttl, Duration maxTtl, java.util.function.UnaryOperator<InfisicalClient.Builder> more) {
        UniversalAuthCredentials ua = project.createUniversalAuthIdentity(identityName, role, ttl, maxTtl);
        return more.apply(InfisicalClient.builder().host(fake.url()).clock(fake.clock())
                .credentials(Credentials.universalAuth(ua.clientId(), ua.clientSecret()))).build();
    }

    /** An admin identity with a 2 h token and a 24 h max TTL. */
    static InfisicalClient admin(FakeInfisical fake, FakeProject project, String identityName) {
        return universalAuth(fake, project, identityName, Role.ADMIN, Duration.ofHours(2), Duration.ofHours(24));
    }
}
