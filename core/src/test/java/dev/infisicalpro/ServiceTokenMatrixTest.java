package dev.infisicalpro;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.TokenScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every row of the service-token matrix captured from a real OCT24 server driven through the client
 * against the testkit: the client either refuses before sending, with {@link ScopeMismatchException}
 * (the journal shows no list request), or returns only secrets of the asked environment and folder
 * (or below it when recursive), exactly the ones the real server answered. The matrix's "no query
 * parameters at all" rows cannot be produced by the client (it always sends every parameter).
 */
class ServiceTokenMatrixTest {

    private static final String LIST = "/api/v3/secrets/raw";
    private static FakeInfisical fake;
    private static Map<String, String> tokens;

    @BeforeAll
    static void seed() {
        // as a real OCT24 server answered
        fake = FakeInfisical.builder().generation(Generation.OCT24).build().start();
        FakeProject p = fake.createProject("java-client-test");
        p.putSecret("dev", "/", "ROOT_KEY", "root-value");
        p.putSecret("dev", "/", "SHARED", "from-root");
        p.putSecret("dev", "/", "REF_LOCAL", "${ROOT_KEY}-suffix");
        p.putSecret("dev", "/", "REF_CROSS", "x-${dev.app.APP_KEY}-y");
        p.putSecret("dev", "/", "REF_MISSING", "${DOES_NOT_EXIST}");
        p.putSecret("dev", "/app", "APP_KEY", "app-value");
        p.putSecret("dev", "/app", "SHARED", "from-app");
        p.putSecret("dev", "/app/sub", "SUB_KEY", "sub-value");
        p.putSecret("staging", "/", "STAGING_KEY", "staging-value");
        p.putSecret("staging", "/", "SHARED", "from-staging");
        p.putSecret("staging", "/app", "STAGING_APP_KEY", "staging-app-value");
        p.putSecret("prod", "/", "PROD_KEY", "prod-value");
        p.addImport("dev", "/", "staging", "/");
        p.addImport("dev", "/app", "staging", "/app");
        EnumSet<Permission> rw = EnumSet.of(Permission.READ, Permission.WRITE);
        tokens = Map.of(
                "ST_root", p.createServiceToken("root", List.of(TokenScope.of("dev", "/")), rw).token(),
                "ST_glob", p.createServiceToken("glob", List.of(TokenScope.of("dev", "/**")), rw).token(),
                "ST_appGlob", p.createServiceToken("appGlob", List.of(TokenScope.of("dev", "/app/**")), rw).token(),
                "ST_app", p.createServiceToken("app", List.of(TokenScope.of("dev", "/app")), rw).token(),
                "ST_multi", p.createServiceToken("multi", List.of(TokenScope.of("dev", "/"),
                        TokenScope.of("staging", "/")), rw).token());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @ParameterizedTest(name = "{0} asks {1}:{2} recursive={3} imports={4} (server: {5})")
    @CsvSource(ignoreLeadingAndTrailingWhitespace = true, value = {
            "ST_root, dev, /, false, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, dev, /app, false, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, dev, /app/sub, false, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, staging, /, false, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, dev, /, false, true, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, dev, /app, false, true, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, dev, /, true, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, dev, /app, true, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_root, dev, /does-not-exist, false, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_glob, dev, /, false, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_glob, dev, /app, false, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_glob, dev, /app/sub, false, false, 200, SUB_KEY@dev:/app/sub",
            "ST_glob, staging, /, false, false, 403, -",
            "ST_glob, dev, /, false, true, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_glob, dev, /app, false, true, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_glob, dev, /, true, false, 200, APP_KEY@dev:/app REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/ SHARED@dev:/app SUB_KEY@dev:/app/sub",
            "ST_glob, dev, /app, true, false, 200, APP_KEY@dev:/app SHARED@dev:/app SUB_KEY@dev:/app/sub",
            "ST_glob, dev, /does-not-exist, false, false, 200, ",
            "ST_appGlob, dev, /, false, false, 403, -",
            "ST_appGlob, dev, /app, false, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_appGlob, dev, /app/sub, false, false, 200, SUB_KEY@dev:/app/sub",
            "ST_appGlob, staging, /, false, false, 403, -",
            "ST_appGlob, dev, /, false, true, 403, -",
            "ST_appGlob, dev, /app, false, true, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_appGlob, dev, /, true, false, 200, APP_KEY@dev:/app SHARED@dev:/app SUB_KEY@dev:/app/sub",
            "ST_appGlob, dev, /app, true, false, 200, APP_KEY@dev:/app SHARED@dev:/app SUB_KEY@dev:/app/sub",
            "ST_appGlob, dev, /does-not-exist, false, false, 403, -",
            "ST_app, dev, /, false, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, dev, /app, false, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, dev, /app/sub, false, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, staging, /, false, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, dev, /, false, true, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, dev, /app, false, true, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, dev, /, true, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, dev, /app, true, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_app, dev, /does-not-exist, false, false, 200, APP_KEY@dev:/app SHARED@dev:/app",
            "ST_multi, dev, /, false, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_multi, dev, /app, false, false, 403, -",
            "ST_multi, dev, /app/sub, false, false, 403, -",
            "ST_multi, staging, /, false, false, 200, SHARED@staging:/ STAGING_KEY@staging:/",
            "ST_multi, dev, /, false, true, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_multi, dev, /app, false, true, 403, -",
            "ST_multi, dev, /, true, false, 200, REF_CROSS@dev:/ REF_LOCAL@dev:/ REF_MISSING@dev:/ ROOT_KEY@dev:/ SHARED@dev:/",
            "ST_multi, dev, /app, true, false, 200, ",
            "ST_multi, dev, /does-not-exist, false, false, 403, -"
    })
    void clientRefusesBeforeSendingOrReturnsOnlyTheAskedFolder(String token, String env, String path,
                                                                boolean recursive, boolean imports, int serverStatus,
                                                                String serverItems) {
        Scope asked = Scope.ofToken(env, path);
        int listsBefore = fake.journal().count("GET", LIST);
        try (InfisicalClient client = InfisicalClient.builder().host(fake.url())
                .credentials(Credentials.serviceToken(tokens.get(token))).build()) {
            SecretListing listing;
            try {
                listing = client.secrets().list(asked, new ListOptions(recursive, imports, false));
            } catch (ScopeMismatchException e) {
                assertThat(fake.journal().count("GET", LIST)).as("refused before sending").isEqualTo(listsBefore);
                assertThat(e.getMessage()).contains(env + ":" + path);
                return;
            } catch (InfisicalException e) {
                fail("neither refused before sending nor answered: " + e.getMessage());
                return;
            }
            assertThat(serverStatus).as("the client returned a listing the real server refused").isEqualTo(200);
            for (Secret s : listing.secrets()) {
                assertThat(s.environment()).isEqualTo(env);
                if (recursive) {
                    assertThat(asked.path().contains(s.path())).as(s.key() + "@" + s.path()).isTrue();
                } else {
                    assertThat(s.path()).isEqualTo(asked.path());
                }
            }
            String got = listing.secrets().stream().map(s -> s.key() + "@" + s.environment() + ":" + s.path())
                    .sorted().collect(Collectors.joining(" "));
            String expected = serverItems == null ? "" : Arrays.stream(serverItems.trim().split("\\s+"))
                    .filter(x -> !x.isEmpty()).sorted().collect(Collectors.joining(" "));
            assertThat(got).isEqualTo(expected);
        }
    }
}
