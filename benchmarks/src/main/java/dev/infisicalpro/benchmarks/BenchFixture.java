package dev.infisicalpro.benchmarks;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.RetryPolicy;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;

import java.time.Duration;

/** A FakeInfisical on loopback seeded with {@code n} secrets in {@code dev:/}, and clients for it. */
final class BenchFixture implements AutoCloseable {

    final FakeInfisical fake = FakeInfisical.start();
    final FakeProject project = fake.createProject("bench");
    final UniversalAuthCredentials identity =
            project.createUniversalAuthIdentity("bench", Role.ADMIN, Duration.ofHours(24), Duration.ofDays(30));
    final String[] keys;

    BenchFixture(int n) {
        keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(i);
            project.putSecret("dev", "/", keys[i], value(i, 0));
        }
    }

    /** Realistic-looking names: 16 to 24 characters. */
    static String key(int i) {
        return "SERVICE_" + (i % 7 == 0 ? "DATABASE_" : "API_") + "KEY_" + i;
    }

    /** 32-character values (typical token / password length), tagged with a generation. */
    static String value(int i, int generation) {
        String s = "v" + generation + "-" + i + "-";
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < 32) {
            sb.append((char) ('a' + (sb.length() * 7 + i) % 26));
        }
        return sb.toString();
    }

    InfisicalClient client() {
        return client(Duration.ZERO);
    }

    /** A client whose response cache keeps answers for {@code cacheTtl} (zero: off, the default). */
    InfisicalClient client(Duration cacheTtl) {
        return InfisicalClient.builder()
                .host(fake.url())
                .credentials(Credentials.universalAuth(identity.clientId(), identity.clientSecret()))
                .retryPolicy(RetryPolicy.none())
                .responseCacheTtl(cacheTtl)
                .build();
    }

    SecretQuery query() {
        return SecretQuery.of(ProjectRef.id(project.id()), "dev", "/");
    }

    @Override
    public void close() {
        fake.close();
    }
}
