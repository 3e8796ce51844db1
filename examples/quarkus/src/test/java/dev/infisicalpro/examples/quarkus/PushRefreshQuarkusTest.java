package dev.infisicalpro.examples.quarkus;

import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.webhook.WebhookStats;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FakeInfisical delivers a real webhook to the JAX-RS resource; the config source serves the new value
 * without waiting for its 30 s resync.
 */
@QuarkusTest
@TestProfile(PushRefreshQuarkusTest.WithWebhookKey.class)
@WithTestResource(EmbeddedInfisicalResource.class)
class PushRefreshQuarkusTest {

    static final String KEY = "whk-quarkus-example-5d7e";

    /** The webhook's key, as INFISICAL_WEBHOOK_SECRET would set it. */
    public static class WithWebhookKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("infisical.webhook.secret", KEY);
        }
    }

    @EmbeddedInfisicalResource.DemoProject
    FakeProject project;

    @Inject
    PushRefresh push;

    @TestHTTPResource("/infisical/webhook")
    URL hook;

    @Test
    void aChangeInAnImportedFolderIsServedAsSoonAsTheWebhookArrives() throws Exception {
        project.addWebhook(DemoInfisical.ENVIRONMENT, DemoInfisical.SHARED_FOLDER, hook.toURI(), KEY);
        project.putSecret(DemoInfisical.ENVIRONMENT, DemoInfisical.SHARED_FOLDER, "GREETING", "pushed greeting");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String greeting = "";
        while (!greeting.equals("pushed greeting") && System.nanoTime() < deadline) {
            greeting = given().when().get("/greeting").then().statusCode(200).extract().asString();
            Thread.sleep(20);
        }
        assertEquals("pushed greeting", greeting);
        // and it came by push, not by the 30 s resync: the receiver refreshed the view for the /shared change
        WebhookStats.Push last = push.receiver().orElseThrow().stats().lastPush().orElseThrow();
        assertEquals("dev", last.event().environment());
        assertEquals(DemoInfisical.SHARED_FOLDER, last.event().secretPath());
        assertEquals("refreshing 1 view(s)", last.outcome());
    }

    @Test
    void anUnsignedPostIsRefused() {
        given().body("{}").when().post("/infisical/webhook").then().statusCode(401);
    }
}
