package dev.infisicalpro.reliability;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.NewSecret;
import dev.infisicalpro.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.infisicalpro.reliability.Faults.LIST;
import static dev.infisicalpro.reliability.Faults.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Issue 10, defect 5: the smaller ones, each as a user would meet it. */
@ExtendWith(ThreadBaseline.class)
class SmallDefectsTest {

    @Test
    void aServerThatRejectsEveryFreshTokenIsNotAskedToLogInPerRequest() {
        try (RawServer server = RawServer.start(ex -> {
                 if (ex.path().equals(LOGIN)) {
                     ex.json(200, Faults.login());
                 } else {
                     ex.json(401, "{\"statusCode\":401,\"message\":\"Token invalid\",\"error\":\"UnauthorizedError\"}");
                 }
                 return true;
             });
             InfisicalClient client = Faults.client(server)) {
            for (int i = 0; i < 20; i++) {
                Throwable t = catchThrowable(() -> client.secrets().list(Faults.scope(), ListOptions.defaults()));
                assertThat(t).isInstanceOf(AuthenticationException.class);
                Faults.assertNoCanary(t);
            }
            // the first login, and one more when the first token was rejected; then no more within the cooldown
            assertThat(server.count("POST", LOGIN)).isEqualTo(2);
            assertThat(server.count("GET", LIST)).isEqualTo(21);
        }
    }

    @Test
    void aServerEchoingOnlyPartOfTheClientSecretShowsNoneOfIt() {
        String prefix = Faults.CLIENT_SECRET.substring(0, 14);
        String middle = Faults.CLIENT_SECRET.substring(5, 19);
        try (RawServer server = RawServer.start(ex -> {
                 ex.json(401, "{\"statusCode\":401,\"message\":\"Invalid credentials: secret '" + prefix
                         + "...' does not match (" + middle + ")\",\"error\":\"UnauthorizedError\"}");
                 return true;
             });
             InfisicalClient client = Faults.client(server)) {
            Throwable t = catchThrowable(() -> client.secrets().list(Faults.scope(), ListOptions.defaults()));
            assertThat(t).isInstanceOf(AuthenticationException.class).hasMessageContaining("Invalid credentials");
            assertThat(t.getMessage()).doesNotContain(prefix).doesNotContain(middle).doesNotContain("CANARY");
        }
    }

    @Test
    void plainHttpToAHostSpelledLikeLoopbackButNotAnAddressIsWarnedAbout() {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        InfisicalClient.builder().host("http://127.evil.example").credentials(Credentials.accessToken("t"))
                .warnings(warnings::add).build().close();
        assertThat(warnings).singleElement().asString().contains("plain http");
        warnings.clear();
        InfisicalClient.builder().host("http://127.0.0.1:8080").credentials(Credentials.accessToken("t"))
                .warnings(warnings::add).build().close();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aKeyWithSurroundingWhitespaceIsRefusedTheSameWayEverywhere() {
        try (RawServer server = RawServer.start(ex -> {
                 ex.json(200, ex.path().equals(LOGIN) ? Faults.login() : Faults.listing("KEY", "v"));
                 return true;
             });
             InfisicalClient client = Faults.client(server);
             LiveSecrets live = client.live(Faults.query()).resyncInterval(Duration.ZERO).start()) {
            for (String key : List.of(" KEY", "KEY ", "\tKEY")) {
                assertThat(catchThrowable(() -> client.secrets().get(Faults.scope(), key)))
                        .isInstanceOf(ValidationException.class).hasMessageContaining("whitespace");
                assertThat(catchThrowable(() -> client.secrets().create(Faults.scope(), NewSecret.of(key, "v"),
                        WriteOptions.defaults()))).isInstanceOf(ValidationException.class);
                assertThat(catchThrowable(() -> live.get(key))).isInstanceOf(ValidationException.class);
                assertThat(catchThrowable(() -> live.find(key))).isInstanceOf(ValidationException.class);
            }
            assertThat(live.get("KEY")).isEqualTo("v");
            assertThat(server.requests()).noneMatch(r -> r.startsWith("POST /api/v3/secrets"));
        }
    }

    @Test
    void nullsInANewSecretAreAnInputErrorNotANullPointerException() {
        assertThat(catchThrowable(() -> NewSecret.of(null, "v"))).isInstanceOf(ValidationException.class)
                .isInstanceOf(InfisicalException.class);
        assertThat(catchThrowable(() -> NewSecret.of("K", null))).isInstanceOf(ValidationException.class);
    }
}
