package dev.infisicalpro.internal;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming parser and writer behind every request and answer. */
class JsonTest {

    private static Object parse(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void parsesIntoPlainMapsListsAndScalarsKeepingOrderAndTheLastOfDuplicateKeys() {
        Object tree = parse("{\"b\":1,\"a\":[true,false,null,\"x\\u00e9\\n\"],\"big\":12345678901,"
                + "\"huge\":123456789012345678901234567890,\"f\":1.5,\"o\":{},\"b\":2}");
        assertThat(tree).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        assertThat(map.keySet()).containsExactly("b", "a", "big", "huge", "f", "o");
        assertThat(map.get("b")).isEqualTo(2);
        assertThat((List<Object>) map.get("a")).containsExactly(true, false, null, "x\u00e9\n");
        assertThat(map.get("big")).isEqualTo(12345678901L);
        assertThat(map.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get("f")).isEqualTo(1.5);
        assertThat(map.get("o")).isEqualTo(Map.of());
    }

    @Test
    void malformedInputIsRefusedWithoutQuotingIt() {
        for (String bad : new String[] {"", "{\"secretValue\":\"CANARY-JSON-1\"", "{\"a\":1} {\"b\":\"CANARY-JSON-1\"}",
                "<html>CANARY-JSON-1</html>", "{\"a\":CANARY-JSON-1}", "[1,]"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(Json.MalformedJsonException.class)
                    .message().doesNotContain("CANARY");
        }
        assertThatThrownBy(() -> Json.parseObject("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Json.MalformedJsonException.class);
    }

    @Test
    void writesWhatItParsesBack() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("secretKey", "K \"quoted\" \u00e9 \uD83D\uDD11");
        body.put("secrets", List.of(Map.of("n", 7L), "s"));
        body.put("flag", true);
        body.put("none", null);
        byte[] json = Json.write(body);
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"secretKey\":\"K \\\"quoted\\\"");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("secretKey", "K \"quoted\" \u00e9 \uD83D\uDD11");
        expected.put("secrets", List.of(Map.of("n", 7), "s"));
        expected.put("flag", true);
        expected.put("none", null);
        assertThat(Json.parse(json)).isEqualTo(expected);
    }

    @Test
    void refusesToWriteAnObjectItDoesNotKnowWithoutPrintingIt() {
        assertThatThrownBy(() -> Json.write(Map.of("v", new Object() {
            @Override
            public String toString() {
                return "CANARY-JSON-2";
            }
        }))).isInstanceOf(IllegalStateException.class).message().doesNotContain("CANARY");
    }
}
