package dev.infisicalpro.testkit;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, seed, stop. */
class LifecycleTest {

    @Test
    void seedersRunAfterBindingAndMayUseTheUrl() {
        AtomicReference<String> seen = new AtomicReference<>();
        try (FakeInfisical fake = FakeInfisical.builder().seed(f -> seen.set(f.apiUrl())).start()) {
            assertThat(seen.get()).isEqualTo(fake.apiUrl());
        }
    }

    @Test
    void aFailingSeederStopsTheServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int p = port;
        assertThatThrownBy(() -> FakeInfisical.builder().port(p).seed(f -> {
            throw new IllegalStateException("boom");
        }).start()).hasMessage("boom");
        try (FakeInfisical again = FakeInfisical.builder().port(p).start()) { // the port was released
            assertThat(again.port()).isEqualTo(p);
        }
    }

    @Test
    void startOnceCloseIdempotentUrlAfterCloseFails() {
        FakeInfisical.Unstarted unstarted = FakeInfisical.builder().build();
        FakeInfisical fake = unstarted.start();
        assertThatThrownBy(unstarted::start).isInstanceOf(IllegalStateException.class);
        assertThat(fake.toString()).contains("OCT24", fake.url());
        fake.close();
        fake.close();
        assertThatThrownBy(fake::url).isInstanceOf(IllegalStateException.class);
        assertThat(fake.projects()).isEmpty(); // state stays readable
    }

    @Test
    void duplicateProjectSlugIsRefused() {
        try (FakeInfisical fake = FakeInfisical.start()) {
            fake.createProject("Demo App");
            assertThat(fake.project("demo-app")).isPresent();
            assertThatThrownBy(() -> fake.createProject("demo app")).hasMessageContaining("slug 'demo-app'");
            assertThatThrownBy(() -> fake.project("demo-app").orElseThrow().putSecret("nope", "/", "K", "v"))
                    .hasMessageContaining("no environment 'nope'");
        }
    }
}
