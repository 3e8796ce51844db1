package dev.infisicalpro.examples.quarkus;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The packaged app as a user runs it ({@code java -jar target/quarkus-app/quarkus-run.jar}) with no
 * {@code INFISICAL_API_URL}: {@link Main} starts the embedded FakeInfisical before Quarkus builds its
 * configuration, and the secrets arrive through the adapter.
 */
@QuarkusIntegrationTest
class EmbeddedDefaultIT {

    @Test
    void packagedAppServesTheImportedGreetingFromTheEmbeddedServer() {
        given().when().get("/greeting").then().statusCode(200).body(is("hello from an imported Infisical secret"));
    }

    @Test
    void packagedAppTakesBothPasswordsFromInfisicalWithoutShowingThem() {
        given().when().get("/config").then().statusCode(200)
                .body(containsString("db.password <- InfisicalConfigSource["))
                .body(containsString("quarkus.datasource.password <- InfisicalConfigSource["))
                .body(not(containsString("demo-")));
    }
}
