package dev.infisicalpro.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link Json}'s own reader and writer against jackson-core (which core used before and which stays a test
 * dependency as the reference): arbitrary trees written by {@code Json} read back equal by both; arbitrary
 * documents, their byte-level mutations and random bytes read the same by both, or refused by both. The one
 * intended difference: {@code Json} refuses byte sequences that are not well-formed UTF-8 (overlong forms,
 * encoded surrogates) where jackson-core decodes some of them.
 */
class JsonDifferentialTest {

    private static final JsonFactory JACKSON = new JsonFactory();

    /** What came of a parse: the tree, or that it was refused. */
    private record Outcome(boolean ok, Object tree) {
        static final Outcome REFUSED = new Outcome(false, null);
    }

    @Property(tries = 500)
    void writtenTreesReadBackEqualByBothParsers(@ForAll("trees") Object tree) throws IOException {
        byte[] json = Json.write(tree);
        Object expected = normalise(tree);
        assertThat(Json.parse(json)).isEqualTo(expected);
        assertThat(jackson(json)).isEqualTo(new Outcome(true, expected));
    }

    @Property(tries = 2000)
    void mutatedDocumentsAreReadAsJacksonReadsThem(@ForAll("trees") Object tree, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] json = pretty(Json.write(tree), random);
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            json = mutate(json, random);
        }
        compare(json);
    }

    @Property(tries = 1000)
    void randomBytesAreReadAsJacksonReadsThem(@ForAll("smallBytes") byte[] bytes) {
        compare(bytes);
    }

    private static void compare(byte[] input) {
        Outcome ours;
        try {
            ours = new Outcome(true, Json.parse(input));
        } catch (Json.MalformedJsonException e) {
            ours = Outcome.REFUSED;
        }
        // anything but MalformedJsonException escapes and fails the property
        if (!wellFormedUtf8(input)) {
            assertThat(ours.ok()).as("not UTF-8: refused").isFalse();
            return;
        }
        Outcome reference = jackson(input);
        assertThat(ours).as(describe(input)).isEqualTo(reference);
    }

    // -- the reference: jackson-core's streaming parser into the same kind of tree (core's former Json.parse)

    private static Outcome jackson(byte[] json) {
        // as text: jackson-core would otherwise guess UTF-16/32 from zero bytes, which no server sends
        String text = new String(json, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (JsonParser p = JACKSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Outcome.REFUSED;
            }
            Object value = value(p, first);
            return p.nextToken() == null ? new Outcome(true, value) : Outcome.REFUSED;
        } catch (IOException e) {
            return Outcome.REFUSED;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    list.add(value(p, n));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }

    private static boolean wellFormedUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // -- inputs

    @Provide
    Arbitrary<Object> trees() {
        return tree(4);
    }

    private static Arbitrary<Object> tree(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b)).injectNull(0.05);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> inner = tree(depth - 1);
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("secretKey", "secretValue", "type", "version"),
                Arbitraries.strings().all().ofMaxLength(8));
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(2, Arbitraries.maps(names, inner).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m))));
    }

    @Provide
    Arbitrary<byte[]> smallBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of(INTERESTING);
        return Arbitraries.oneOf(Arbitraries.bytes(), interesting).array(byte[].class).ofMaxSize(16);
    }

    private static final Byte[] INTERESTING = {'{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '+',
            '.', 'e', 'E', ' ', '\n', 't', 'r', 'n', 'f', 'a', 'l', 's', 0x00, 0x1f, 0x7f, (byte) 0x80, (byte) 0xBF,
            (byte) 0xC0, (byte) 0xC3, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xBB, (byte) 0xF0, (byte) 0xF4,
            (byte) 0xF5, (byte) 0xFF};

    private static final byte[][] UNITS = {
            {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x94, (byte) 0x91},
            {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            "\\u00e9".getBytes(StandardCharsets.US_ASCII), "\\ud800".getBytes(StandardCharsets.US_ASCII),
            "\\uDC00".getBytes(StandardCharsets.US_ASCII), "\\u12G4".getBytes(StandardCharsets.US_ASCII),
            "\\/".getBytes(StandardCharsets.US_ASCII), "\\x".getBytes(StandardCharsets.US_ASCII),
            "1e5".getBytes(StandardCharsets.US_ASCII), "-0.5E-3".getBytes(StandardCharsets.US_ASCII),
            "00".getBytes(StandardCharsets.US_ASCII), "true".getBytes(StandardCharsets.US_ASCII),
            "null,".getBytes(StandardCharsets.US_ASCII), "/*c*/".getBytes(StandardCharsets.US_ASCII),
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
    };

    /** Whitespace where JSON allows it (between tokens), so the reader's whitespace handling is exercised. */
    private static byte[] pretty(byte[] json, Random random) {
        if (random.nextBoolean()) {
            return json;
        }
        StringBuilder out = new StringBuilder();
        String text = new String(json, StandardCharsets.UTF_8);
        boolean inString = false;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            out.append(c);
            if (c == '"' && (k == 0 || text.charAt(k - 1) != '\\' || backslashesBefore(text, k) % 2 == 0)) {
                inString = !inString;
            }
            if (!inString && "{[,:".indexOf(c) >= 0 && random.nextInt(3) == 0) {
                out.append(" \n\t\r".charAt(random.nextInt(4)));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int backslashesBefore(String text, int k) {
        int n = 0;
        while (k - 1 - n >= 0 && text.charAt(k - 1 - n) == '\\') {
            n++;
        }
        return n;
    }

    private static byte[] mutate(byte[] json, Random random) {
        int at = json.length == 0 ? 0 : random.nextInt(json.length + 1);
        byte b = INTERESTING[random.nextInt(INTERESTING.length)];
        if (random.nextInt(4) == 0) { // a multi-byte unit: UTF-8 forms good and bad, escapes, tokens
            byte[] unit = UNITS[random.nextInt(UNITS.length)];
            byte[] out = new byte[json.length + unit.length];
            System.arraycopy(json, 0, out, 0, at);
            System.arraycopy(unit, 0, out, at, unit.length);
            System.arraycopy(json, at, out, at + unit.length, json.length - at);
            return out;
        }
        switch (random.nextInt(3)) {
            case 0: { // delete
                if (json.length == 0 || at == json.length) {
                    return json;
                }
                byte[] out = new byte[json.length - 1];
                System.arraycopy(json, 0, out, 0, at);
                System.arraycopy(json, at + 1, out, at, json.length - at - 1);
                return out;
            }
            case 1: { // insert
                byte[] out = new byte[json.length + 1];
                System.arraycopy(json, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(json, at, out, at + 1, json.length - at);
                return out;
            }
            default: { // replace
                if (at == json.length) {
                    return json;
                }
                byte[] out = json.clone();
                out[at] = b;
                return out;
            }
        }
    }

    /** The tree as the parser returns it: integers narrowed to the smallest of Integer, Long, BigInteger. */
    private static Object normalise(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalise(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalise(x)));
            return out;
        }
        if (v instanceof Long || v instanceof BigInteger) {
            BigInteger big = v instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) v;
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        return v;
    }

    private static String describe(byte[] input) {
        StringBuilder sb = new StringBuilder("input bytes:");
        for (byte b : input) {
            sb.append(' ').append(Integer.toHexString(b & 0xFF));
        }
        return sb.toString();
    }

    // -- the limits, which random inputs do not reach

    @org.junit.jupiter.api.Test
    void nestingBeyondTheLimitIsRefusedWithoutExhaustingTheStack() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok.getBytes(StandardCharsets.UTF_8))).isInstanceOf(List.class);
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertThatThrownBy(() -> Json.parse(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Json.MalformedJsonException.class).hasMessageContaining("nested deeper");
        String hostile = "{\"a\":".repeat(1_000_000);
        assertThatThrownBy(() -> Json.parse(hostile.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Json.MalformedJsonException.class);
    }

    @org.junit.jupiter.api.Test
    void numbersAreExactAndBounded() {
        assertThat(Json.parse("2147483647".getBytes(StandardCharsets.UTF_8))).isEqualTo(Integer.MAX_VALUE);
        assertThat(Json.parse("-2147483649".getBytes(StandardCharsets.UTF_8))).isEqualTo(-2147483649L);
        assertThat(Json.parse("9223372036854775807".getBytes(StandardCharsets.UTF_8))).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("9223372036854775808".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("0.1".getBytes(StandardCharsets.UTF_8))).isEqualTo(0.1);
        assertThat(Json.parse("-0.0".getBytes(StandardCharsets.UTF_8))).isEqualTo(-0.0);
        assertThat(Json.parse("1e400".getBytes(StandardCharsets.UTF_8))).isEqualTo(Double.POSITIVE_INFINITY);
        String longest = "1".repeat(Json.MAX_NUMBER_CHARS);
        assertThat(Json.parse(longest.getBytes(StandardCharsets.UTF_8))).isEqualTo(new BigInteger(longest));
        for (String bad : new String[] {longest + "1", "01", "-", "1.", ".5", "1e", "+1", "NaN", "Infinity", "0x10",
                "1_000"}) {
            assertThatThrownBy(() -> Json.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(Json.MalformedJsonException.class);
        }
    }

    @org.junit.jupiter.api.Test
    void textIsStrictUtf8AndEscapesAreExact() {
        assertThat(Json.parse("\"\\ud83d\\udd11 \\u00E9 \\/\"".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("\uD83D\uDD11 \u00e9 /");
        assertThat(Json.parse("\"\\ud800\"".getBytes(StandardCharsets.UTF_8))).isEqualTo("\uD800");
        byte[][] bad = {
                {'"', (byte) 0xC0, (byte) 0x80, '"'},                 // overlong NUL
                {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'},    // overlong '/'
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},    // encoded surrogate
                {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
                {'"', (byte) 0xE2, (byte) 0x82, '"'},                 // truncated
                {'"', 'a', 0x01, '"'},                                // raw control character
                {'"', '\\', 'x', '"'},                                // unknown escape
                {'"', '\\', 'u', '1', '2', 'g', '4', '"'},            // not hex
        };
        for (byte[] b : bad) {
            assertThatThrownBy(() -> Json.parse(b)).isInstanceOf(Json.MalformedJsonException.class);
        }
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
        assertThat(Json.parse(bom)).isEqualTo(List.of());
    }

    @org.junit.jupiter.api.Test
    void loneSurrogatesAreWrittenAsEscapesAndReadBackUnchanged() {
        String value = "a\uD800b\uDC00c\uD83D\uDD11";
        byte[] json = Json.write(Map.of("v", value));
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"v\":\"a\\ud800b\\udc00c\uD83D\uDD11\"}");
        assertThat(Json.parseObject(json)).containsEntry("v", value);
        Outcome reference = jackson(json);
        if (!reference.ok()) {
            fail("jackson-core could not read " + new String(json, StandardCharsets.UTF_8));
        }
        assertThat(reference.tree()).isEqualTo(Map.of("v", value));
    }
}
