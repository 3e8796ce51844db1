package dev.infisicalpro.testkit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension on a static field: one seeded server for the class, parameter injection, clean journal per test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionStaticTest {

    static ServiceTokenCredentials token;

    @RegisterExtension
    static FakeInfisicalExtension infisical = FakeInfisicalExtension.withSeed(f -> {
        FakeProject p = f.createProject("demo");
        p.putSecret("dev", "/", "DB_PASSWORD", "s3cret");
        token = p.createServiceToken("ci", List.of(TokenScope.of("dev", "/")), EnumSet.of(Permission.READ));
    });

    static int firstPort;

    @Test
    @Order(1)
    void seededServerIsRunning(FakeInfisical fake) {
        assertThat(fake).isSameAs(infisical.fake());
        assertThat(infisical.apiUrl()).isEqualTo(fake.url() + "/api").startsWith("http://127.0.0.1:");
        Http.Res r = new Http(fake).get("/api/v3/secrets/raw/DB_PASSWORD", token.token());
        assertThat(r.json().at("/secret/secretValue").asText()).isEqualTo("s3cret");
        firstPort = fake.port();
        fake.faults().next("*", "*", 3, Fault.status(500));
    }

    @Test
    @Order(2)
    void sameServerForTheWholeClassWithACleanJournalAndNoFaults(FakeInfisical fake) {
        assertThat(fake.port()).isEqualTo(firstPort);
        assertThat(fake.journal().requests()).isEmpty();
        assertThat(fake.faults().pending()).isZero();
    }
}
