package dev.infisicalpro.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The extension on an instance field: a fresh server (and generation from the builder) for each test. */
class ExtensionPerTestTest {

    static final Set<String> projectIds = new HashSet<>();
    static String previousUrl;

    @RegisterExtension
    FakeInfisicalExtension infisical = FakeInfisicalExtension.configure(b -> b.generation(Generation.CURRENT)
            .seed(f -> projectIds.add(f.createProject("fresh").id())));

    @Test
    void one(FakeInfisical fake) throws Exception {
        check(fake);
    }

    @Test
    void two(FakeInfisical fake) throws Exception {
        check(fake);
    }

    private void check(FakeInfisical fake) throws Exception {
        assertThat(fake.generation()).isEqualTo(Generation.CURRENT);
        assertThat(fake.projects()).hasSize(1); // nothing left over from the other test
        if (previousUrl != null) {
            // the previous test's server was stopped
            HttpRequest req = HttpRequest.newBuilder(URI.create(previousUrl + "/api/status")).build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
        }
        previousUrl = fake.url();
        assertThat(new Http(fake).get("/api/status", null).status()).isEqualTo(200);
    }
}
