package dev.infisicalpro.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** real-server-findings.md §7: keys, values and sizes, OCT24. */
class Oct24KeysValuesTest {

    static FakeInfisical fake;
    static FindingsFixture fx;

    @BeforeAll
    static void start() {
        fake = FakeInfisical.start();
        fx = new FindingsFixture(fake);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static Http.Res create(String key, String value) {
        return fx.http.json("POST", "/api/v3/secrets/raw/" + Http.enc(key), fx.admin(),
                fx.body("secretPath", "/app/sub", "secretValue", value, "type", "shared"));
    }

    private static Http.Res batchCreate(String key, String value) {
        return fx.http.json("POST", "/api/v3/secrets/batch/raw", fx.admin(), Map.of("workspaceId", fx.project.id(),
                "environment", "dev", "secretPath", "/app/sub", "secrets",
                List.of(Map.of("secretKey", key, "secretValue", value))));
    }

    @ParameterizedTest(name = "key [{0}]")
    @ValueSource(strings = {"HAS SPACE", "lower_case_key", "MixedCase", "dotted.key", "dash-key", "1STARTS_WITH_DIGIT",
            "_UNDERSCORE_START", "ключ", "KEY_🔑", "slash/key", "dollar$key"})
    void almostAnyKeyIsStoredVerbatim(String key) {
        assertThat(create(key, "v").status()).isEqualTo(200);
        Http.Res r = fx.getOne(fx.admin(), key, "secretPath", "/app/sub");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/secret/secretKey").asText()).isEqualTo(key);
    }

    @Test
    void paddedKeyIsTrimmed() {
        assertThat(create(" PADDED ", "v").json().at("/secret/secretKey").asText()).isEqualTo("PADDED");
    }

    @Test
    void urlKeyLengthLimitIs100DecodedCharacters() {
        assertThat(create("K".repeat(100), "len100").status()).isEqualTo(200);
        String k101 = "K".repeat(101);
        Http.Res r = create(k101, "len101");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("{\"message\":\"Route POST:/api/v3/secrets/raw/" + k101
                + " not found\",\"error\":\"Not Found\",\"statusCode\":404}");
        assertThat(create("K".repeat(300), "x").status()).isEqualTo(404);
        assertThat(create("к".repeat(17), "cyrillic").status()).isEqualTo(200); // 102 chars encoded, 17 decoded
    }

    @Test
    void bodyKeysUpTo500CharactersThenA500() {
        assertThat(batchCreate("B".repeat(300), "x").status()).isEqualTo(200);
        for (int n : new int[]{1000, 10000}) {
            Http.Res r = batchCreate("L".repeat(n), "long");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).isEqualTo("{\"statusCode\":500,\"message\":\"Something went wrong\",\"error\":\"Create\"}");
        }
        assertThat(batchCreate("", "empty-key").status()).isEqualTo(200);
        assertThat(batchCreate("BATCH SPACE", "x").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "value [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "'  a  '|a",
            "' a \\n'|'a\\n'",
            "'\\n\\nx'|x",
            "'\\t tab \\t'|tab",
            "''|''",
            "'line1\\nline2\\r\\nline3\\ttab'|'line1\\nline2\\r\\nline3\\ttab'",
            "héllo wörld – ключ – 🔑 – 日本語|héllo wörld – ключ – 🔑 – 日本語",
            "'{\"a\":1,\"b\":[true,null],\"c\":\"x\\\"y\"}'|'{\"a\":1,\"b\":[true,null],\"c\":\"x\\\"y\"}'",
    })
    void valuesAreTrimmedKeepingOneTrailingNewline(String sent, String stored) {
        String in = unescape(sent);
        String out = unescape(stored);
        String key = "V_" + Integer.toHexString(in.hashCode());
        Http.Res r = create(key, in);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/secret/secretValue").asText()).isEqualTo(out);
        assertThat(fx.getOne(fx.admin(), key, "secretPath", "/app/sub").json().at("/secret/secretValue").asText())
                .isEqualTo(out);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\\"", "\\\"");
    }

    @Test
    void largeValuesRoundTripUntilTheBodyPassesOneMebibyte() {
        String x = "x".repeat(102_400);
        assertThat(create("BIG_100K", x).status()).isEqualTo(200);
        assertThat(fx.getOne(fx.admin(), "BIG_100K", "secretPath", "/app/sub").json().at("/secret/secretValue").asText())
                .isEqualTo(x);
        String v = "v".repeat(1_000_000);
        assertThat(create("BIG_1M_MINUS", v).status()).isEqualTo(200);
        assertThat(fx.project.secretValue("dev", "/app/sub", "BIG_1M_MINUS")).contains(v);

        for (int n : new int[]{1_048_576, 1_049_600, 5 * 1_048_576}) {
            Http.Res r = create("BIG_" + n, "y".repeat(n));
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).isEqualTo("{\"statusCode\":500,\"message\":\"Something went wrong\",\"error\":\"InternalServerError\"}");
            assertThat(fx.project.secretValue("dev", "/app/sub", "BIG_" + n)).isEmpty();
        }
    }
}
