package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential test of issue 13: exchanges recorded against a running OCT24 server (from
 * {@code shared/reference/real-server-findings.md} and issue 13's list of differences), kept in
 * {@code src/test/resources/replay/oct24-catalogue.json}, replayed in order against the fake seeded like
 * that server. Each entry compares the status, the headers that matter and the body shape (keys,
 * types, and the values a client reads); {@code source} says where the real answer was recorded.
 * A fidelity regression fails the build here.
 */
class ReplayCatalogueTest {

    private static final Pattern UUID_RE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DATE_RE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final String UNKNOWN_ID = UUID.randomUUID().toString();

    static FakeInfisical fake;
    static FindingsFixture fx;
    static String importId;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        fake = FakeInfisical.builder().rateLimits(true).start();
        Path instance = dir.resolve("instance.json");
        Files.writeString(instance, "{\"inviteOnlySignup\": true, \"projects\": []}"); // the recorded instance's setting
        fake.seed(instance);
        fx = new FindingsFixture(fake);
        JsonNode imports = fx.http.get("/api/v1/secret-imports?workspaceId=" + fx.project.id()
                + "&environment=dev&path=%2F", fx.admin()).json();
        importId = imports.at("/secretImports/0/id").asText();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @TestFactory
    Stream<DynamicTest> recordedExchanges() throws IOException {
        JsonNode catalogue;
        try (InputStream in = ReplayCatalogueTest.class.getResourceAsStream("/replay/oct24-catalogue.json")) {
            catalogue = Http.JSON.readTree(in);
        }
        assertThat(catalogue.size()).as("catalogue entries").isGreaterThanOrEqualTo(30);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : catalogue) {
            tests.add(DynamicTest.dynamicTest(entry.get("id").asText() + " (" + entry.get("source").asText() + ")",
                    () -> replay(entry)));
        }
        return tests.stream();
    }

    private static String subst(String s) {
        return s.replace("<PROJECT_ID>", fx.project.id()).replace("<UNKNOWN_ID>", UNKNOWN_ID)
                .replace("<IMPORT_ID>", importId).replace("<SITE_URL>", fake.url());
    }

    private static String token(JsonNode req) {
        String t = req.path("token").asText("");
        return switch (t) {
            case "" -> null;
            case "UA_admin" -> fx.admin();
            case "UA_viewer" -> fx.viewer();
            default -> fx.token(t).token();
        };
    }

    private static Http.Res send(JsonNode req) throws IOException {
        String body = null;
        String contentType = null;
        if (req.has("body")) {
            body = subst(Http.JSON.writeValueAsString(req.get("body")));
            contentType = "application/json";
        } else if (req.has("rawBody")) {
            body = req.get("rawBody").asText();
            contentType = req.path("contentType").asText("application/json");
        } else if (req.has("rawBodyBytes")) {
            body = "{\"secretValue\":\"" + "x".repeat(req.get("rawBodyBytes").asInt()) + "\"}";
            contentType = req.path("contentType").asText("application/json");
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        req.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return fx.http.send(req.get("method").asText(), subst(req.get("path").asText()), token(req), body, contentType,
                headers);
    }

    private static void replay(JsonNode entry) throws IOException {
        for (JsonNode before : entry.path("before")) {
            send(before);
        }
        Http.Res r = send(entry.get("request"));
        JsonNode expect = entry.get("expect");
        assertThat(r.status()).as("status; body " + r.text()).isEqualTo(expect.get("status").asInt());
        expect.path("headers").fields().forEachRemaining(h -> {
            String actual = r.header(h.getKey());
            String want = subst(h.getValue().asText());
            switch (want) {
                case "<present>" -> assertThat(actual).as("header " + h.getKey()).isNotNull();
                case "<absent>" -> assertThat(actual).as("header " + h.getKey()).isNull();
                default -> assertThat(actual).as("header " + h.getKey()).isEqualTo(want);
            }
        });
        JsonNode body = expect.get("body");
        if (body != null && body.isTextual() && body.asText().equals("<empty>")) {
            assertThat(r.text()).as("body").isEmpty();
        } else if (body != null) {
            match(body, r.json(), "$", expect.path("partial").asBoolean(false));
        }
        if (expect.has("secretKeys")) {
            List<String> keys = new ArrayList<>();
            r.json().get("secrets").forEach(s -> keys.add(s.get("secretKey").asText()));
            keys.sort(null);
            List<String> want = new ArrayList<>();
            expect.get("secretKeys").forEach(k -> want.add(k.asText()));
            assertThat(keys).isEqualTo(want);
        }
        if (expect.has("importedItemKeys")) {
            Set<String> want = new LinkedHashSet<>();
            expect.get("importedItemKeys").forEach(k -> want.add(k.asText()));
            int seen = 0;
            for (JsonNode block : r.json().get("imports")) {
                for (JsonNode item : block.get("secrets")) {
                    assertThat(fieldNames(item)).as("imported item keys").isEqualTo(want);
                    seen++;
                }
            }
            assertThat(seen).as("imported items").isPositive();
        }
        if (expect.has("importOrder")) {
            List<String> order = new ArrayList<>();
            r.json().get("imports").forEach(b -> order.add(b.get("environment").asText() + ":" + b.get("secretPath").asText()));
            List<String> want = new ArrayList<>();
            expect.get("importOrder").forEach(k -> want.add(k.asText()));
            assertThat(order).isEqualTo(want);
        }
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Compares a body with the recorded shape: keys (all of them unless partial), types, and given values. */
    static void match(JsonNode want, JsonNode got, String at, boolean partial) {
        if (want.isTextual() && want.asText().startsWith("<") && want.asText().endsWith(">")
                && !want.asText().equals("<PROJECT_ID>")) {
            String kind = want.asText();
            switch (kind) {
                case "<uuid>" -> assertThat(got.isTextual() && UUID_RE.matcher(got.asText()).matches()).as(at + " uuid: " + got).isTrue();
                case "<date>" -> assertThat(got.isTextual() && DATE_RE.matcher(got.asText()).matches()).as(at + " date: " + got).isTrue();
                case "<string>" -> assertThat(got.isTextual()).as(at + " string: " + got).isTrue();
                case "<number>" -> assertThat(got.isNumber()).as(at + " number: " + got).isTrue();
                case "<boolean>" -> assertThat(got.isBoolean()).as(at + " boolean: " + got).isTrue();
                case "<object>" -> assertThat(got.isObject()).as(at + " object: " + got).isTrue();
                case "<array>" -> assertThat(got.isArray()).as(at + " array: " + got).isTrue();
                default -> assertThat(got.asText()).as(at).isEqualTo(subst(kind));
            }
            return;
        }
        if (want.isObject()) {
            assertThat(got.isObject()).as(at + " object: " + got).isTrue();
            if (!partial) {
                assertThat(fieldNames(got)).as(at + " keys").isEqualTo(fieldNames(want));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertThat(got.has(e.getKey())).as(at + "." + e.getKey() + " present").isTrue();
                match(e.getValue(), got.get(e.getKey()), at + "." + e.getKey(), partial);
            }
            return;
        }
        if (want.isArray()) {
            assertThat(got.isArray()).as(at + " array: " + got).isTrue();
            assertThat(got.size()).as(at + " size").isEqualTo(want.size());
            for (int i = 0; i < want.size(); i++) {
                match(want.get(i), got.get(i), at + "[" + i + "]", partial);
            }
            return;
        }
        if (want.isTextual()) {
            assertThat(got.asText()).as(at).isEqualTo(subst(want.asText()));
            return;
        }
        assertThat(got).as(at).isEqualTo(want);
    }

}
