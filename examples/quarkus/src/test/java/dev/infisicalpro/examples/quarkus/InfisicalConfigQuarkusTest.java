package dev.infisicalpro.examples.quarkus;

import dev.infisicalpro.microprofile.InfisicalConfigSource;
import dev.infisicalpro.testkit.FakeProject;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedInfisicalResource.class)
class InfisicalConfigQuarkusTest {

    @Inject
    AppSecrets secrets;

    @Inject
    Config config;

    @EmbeddedInfisicalResource.DemoProject
    FakeProject project;

    @Test
    void injectsDbPasswordFromTheSecretDbPassword() {
        assertEquals("demo-db-password", secrets.dbPassword());
    }

    @Test
    void quarkusDatasourcePasswordComesFromTheEnvStyleSecret() {
        assertEquals("demo-datasource-password", secrets.datasourcePassword());
        String source = config.unwrap(SmallRyeConfig.class).getConfigValue("quarkus.datasource.password").getSourceName();
        assertTrue(source.startsWith("InfisicalConfigSource["), source);
    }

    @Test
    void importedSecretIsVisibleUnderItsLowerCaseName() {
        given().when().get("/greeting").then().statusCode(200).body(is("hello from an imported Infisical secret"));
    }

    @Test
    void configEndpointNamesTheSourceButNeverTheValue() {
        given().when().get("/config").then().statusCode(200)
                .body(containsString("db.password <- InfisicalConfigSource["))
                .body(not(containsString("demo-db-password")))
                .body(not(containsString("demo-datasource-password")));
    }

    @Test
    void rotatedSecretIsServedAfterARefresh() {
        project.putSecret(DemoInfisical.ENVIRONMENT, DemoInfisical.SHARED_FOLDER, "GREETING", "rotated greeting");
        try {
            infisicalSource().liveSecrets().refreshNow();
            given().when().get("/greeting").then().statusCode(200).body(is("rotated greeting"));
            assertEquals("rotated greeting", config.getValue("greeting", String.class));
        } finally {
            project.putSecret(DemoInfisical.ENVIRONMENT, DemoInfisical.SHARED_FOLDER, "GREETING",
                    "hello from an imported Infisical secret");
            infisicalSource().liveSecrets().refreshNow();
        }
    }

    @Test
    void exactlyOneInfisicalSourceAtTheDefaultOrdinal() {
        long count = StreamSupport.stream(config.getConfigSources().spliterator(), false)
                .filter(InfisicalConfigSource.class::isInstance).count();
        assertEquals(1, count);
        assertEquals(270, infisicalSource().getOrdinal());
    }

    @Test
    @SuppressWarnings("unchecked")
    void augmentationFetchedNothingFromTheServerItsSettingsPointedAt() {
        // BuildTimeSentinel gave the build complete settings for a second FakeInfisical
        Object published = System.getProperties().get(BuildTimeSentinel.REQUESTS);
        assertTrue(published instanceof java.util.function.Supplier<?>, "the build-time sentinel is not armed");
        java.util.List<String> requests = ((java.util.function.Supplier<java.util.List<String>>) published).get();
        assertEquals(java.util.List.of(), requests, "requests made while Quarkus built the application");
        // and the running app reads the demo server, not the sentinel
        assertEquals("demo-db-password", secrets.dbPassword());
    }

    private InfisicalConfigSource infisicalSource() {
        for (ConfigSource source : config.getConfigSources()) {
            if (source instanceof InfisicalConfigSource infisical) {
                return infisical;
            }
        }
        throw new AssertionError("no InfisicalConfigSource among " + config.getConfigSources());
    }
}
