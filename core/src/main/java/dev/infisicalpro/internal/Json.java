package dev.infisicalpro.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for every request and answer: JSON text (RFC 8259, UTF-8) to plain {@code Map}/{@code List}/
 * {@code String}/{@code Number}/{@code Boolean} trees and back, plus null-safe readers over such trees.
 * Not API.
 *
 * <p>A small reader and writer of its own rather than a library: answers are small trees read into maps,
 * and jackson-core (the streaming layer used here before) was 80 of the classes loaded before the first
 * value and a 0.6 MB runtime jar (benchmarks/RESULTS.md, B7 and B8). The reader is strict and bounded,
 * since an answer may come from anything between us and the server: nesting depth ({@value #MAX_DEPTH}),
 * number length ({@value #MAX_NUMBER_CHARS} characters) and, through the transport's response limit,
 * document size; well-formed UTF-8 only (no overlong forms, no encoded surrogates); no comments, single
 * quotes, unquoted names, leading zeros, {@code NaN} or trailing commas; exactly one document.
 * {@code JsonTest} and {@code JsonDifferentialTest} (a property test against jackson-core, kept as a test
 * dependency for that) pin this.
 *
 * <p>Over 400 lines because the reader (about 300 lines with its limits and UTF-8 checks) and the writer
 * live next to the tree accessors that read what they produce: one file to review for how JSON enters
 * and leaves the client.
 */
public final class Json {

    /** Deepest nesting of objects and arrays accepted; Infisical's answers nest 4 levels. */
    static final int MAX_DEPTH = 256;
    /** Longest number accepted, in characters (jackson-core's default limit). */
    static final int MAX_NUMBER_CHARS = 1000;

    private Json() {
    }

    /** Thrown for unparsable JSON; the message never quotes the input (it may hold secret values). */
    public static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses a JSON document into a tree of maps ({@link LinkedHashMap}, the last of duplicate keys wins),
     * lists, strings, numbers ({@code Integer}, {@code Long} or {@code BigInteger} by magnitude for
     * integers, {@code Double} for the rest), booleans and nulls. Exactly one document (a leading UTF-8
     * byte-order mark is skipped): trailing content is malformed.
     */
    public static Object parse(byte[] json) {
        return new Reader(json).document();
    }

    /** One parse: a cursor over the bytes and a small cache of member names (answers repeat them). */
    private static final class Reader {
        private static final int NAME_SLOTS = 128;
        private final byte[] b;
        private final String[] names = new String[NAME_SLOTS];
        private int i;

        Reader(byte[] b) {
            this.b = b;
            if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
                i = 3;
            }
        }

        Object document() {
            skipWhitespace();
            if (i >= b.length) {
                throw malformed("no content");
            }
            Object value = value(0);
            skipWhitespace();
            if (i < b.length) {
                throw malformed("trailing content");
            }
            return value;
        }

        // where a value starts (whitespace skipped); depth counts the enclosing objects and arrays
        private Object value(int depth) {
            switch (peek()) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    i++;
                    return string(false);
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                case -1:
                    throw malformed("unexpected end");
                default:
                    return number();
            }
        }

        private Map<String, Object> object(int depth) {
            if (depth > MAX_DEPTH) {
                throw malformed("nested deeper than " + MAX_DEPTH);
            }
            i++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                i++;
                return map;
            }
            while (true) {
                if (peek() != '"') {
                    throw malformed("expected a member name");
                }
                i++;
                String name = string(true);
                skipWhitespace();
                if (peek() != ':') {
                    throw malformed("expected ':'");
                }
                i++;
                skipWhitespace();
                map.put(name, value(depth));
                skipWhitespace();
                int c = peek();
                i++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw malformed("expected ',' or '}'");
                }
                skipWhitespace();
            }
        }

        private List<Object> array(int depth) {
            if (depth > MAX_DEPTH) {
                throw malformed("nested deeper than " + MAX_DEPTH);
            }
            i++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value(depth));
                skipWhitespace();
                int c = peek();
                i++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw malformed("expected ',' or ']'");
                }
                skipWhitespace();
            }
        }

        private void literal(String word) {
            int n = word.length();
            if (i + n > b.length) {
                throw malformed("unexpected end");
            }
            for (int k = 0; k < n; k++) {
                if (b[i + k] != word.charAt(k)) {
                    throw malformed("unexpected character");
                }
            }
            i += n;
        }

        /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, exactly. */
        private Object number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            int c = peek();
            if (c == '0') {
                i++;
            } else if (c >= '1' && c <= '9') {
                skipDigits();
            } else {
                throw malformed(start == i ? "unexpected character" : "malformed number");
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                i++;
                if (skipDigits() == 0) {
                    throw malformed("malformed number");
                }
            }
            c = peek();
            if (c == 'e' || c == 'E') {
                integral = false;
                i++;
                c = peek();
                if (c == '+' || c == '-') {
                    i++;
                }
                if (skipDigits() == 0) {
                    throw malformed("malformed number");
                }
            }
            int length = i - start;
            if (length > MAX_NUMBER_CHARS) {
                throw malformed("number longer than " + MAX_NUMBER_CHARS + " characters");
            }
            String text = new String(b, start, length, StandardCharsets.ISO_8859_1);
            if (!integral) {
                return Double.parseDouble(text); // the grammar above is a subset of what it reads
            }
            int digits = b[start] == '-' ? length - 1 : length;
            if (digits <= 9) {
                return Integer.parseInt(text);
            }
            if (digits <= 18) {
                return narrow(Long.parseLong(text));
            }
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? narrow(big.longValue()) : big;
        }

        private static Object narrow(long v) {
            return v == (int) v ? (Object) Integer.valueOf((int) v) : Long.valueOf(v);
        }

        private int skipDigits() {
            int from = i;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return i - from;
        }

        // after the opening quote; plain ASCII without escapes (nearly every key and value) is one copy
        private String string(boolean name) {
            int start = i;
            while (i < b.length) {
                int c = b[i];
                if (c == '"') {
                    String s = name ? name(start, i) : new String(b, start, i - start, StandardCharsets.ISO_8859_1);
                    i++;
                    return s;
                }
                if (c == '\\' || c < 0x20) { // negative: a byte of a multi-byte UTF-8 sequence
                    break;
                }
                i++;
            }
            StringBuilder sb = new StringBuilder(i - start + 16);
            sb.append(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
            while (true) {
                if (i >= b.length) {
                    throw malformed("unterminated string");
                }
                int c = b[i] & 0xFF;
                if (c == '"') {
                    i++;
                    return sb.toString();
                }
                if (c == '\\') {
                    i++;
                    escape(sb);
                } else if (c < 0x20) {
                    throw malformed("control character in a string");
                } else if (c < 0x80) {
                    sb.append((char) c);
                    i++;
                } else {
                    utf8(sb, c);
                }
            }
        }

        // member names repeat in every item of a listing: one String per distinct ASCII name and parse
        private String name(int start, int end) {
            int length = end - start;
            if (length > 40) {
                return new String(b, start, length, StandardCharsets.ISO_8859_1);
            }
            int h = length;
            for (int k = start; k < end; k++) {
                h = 31 * h + b[k];
            }
            int slot = (h ^ (h >>> 7)) & (NAME_SLOTS - 1);
            String cached = names[slot];
            if (cached != null && cached.length() == length) {
                int k = 0;
                while (k < length && cached.charAt(k) == b[start + k]) {
                    k++;
                }
                if (k == length) {
                    return cached;
                }
            }
            String s = new String(b, start, length, StandardCharsets.ISO_8859_1);
            names[slot] = s;
            return s;
        }

        private void escape(StringBuilder sb) {
            int c = peek();
            i++;
            switch (c) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 > b.length) {
                        throw malformed("unterminated string");
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int h = Character.digit(b[i++], 16);
                        if (h < 0) {
                            throw malformed("malformed unicode escape");
                        }
                        v = (v << 4) | h;
                    }
                    sb.append((char) v); // a lone surrogate stays one: the server's text, code unit for code unit
                }
                case -1 -> throw malformed("unterminated string");
                default -> throw malformed("unknown escape");
            }
        }

        // one multi-byte UTF-8 sequence whose lead byte is c; RFC 3629 strictly
        private void utf8(StringBuilder sb, int c) {
            int more;
            int cp;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
                cp = c & 0x1F;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                cp = c & 0x0F;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                throw malformed("invalid UTF-8");
            }
            if (i + more >= b.length) {
                throw malformed("invalid UTF-8");
            }
            for (int k = 1; k <= more; k++) {
                int d = b[i + k] & 0xFF;
                if ((d & 0xC0) != 0x80) {
                    throw malformed("invalid UTF-8");
                }
                cp = (cp << 6) | (d & 0x3F);
            }
            if (cp < min || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw malformed("invalid UTF-8");
            }
            i += more + 1;
            sb.appendCodePoint(cp);
        }

        private void skipWhitespace() {
            while (i < b.length) {
                byte c = b[i];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                i++;
            }
        }

        private int peek() {
            return i < b.length ? b[i] & 0xFF : -1;
        }

        private MalformedJsonException malformed(String why) {
            // the position only: the text around it may be a secret value
            return new MalformedJsonException("response is not valid JSON (" + why + " at byte "
                    + Math.min(i, b.length) + ")");
        }
    }

    /** Parses a document that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] json) {
        Object o = parse(json);
        if (!(o instanceof Map)) {
            throw new MalformedJsonException("response is not a JSON object");
        }
        return (Map<String, Object>) o;
    }

    /**
     * Serialises a tree of maps, collections, strings, numbers, booleans and nulls as UTF-8. A lone
     * surrogate in a string is written as a unicode escape (a JSON string can hold it, UTF-8 cannot), so
     * every string reaches the server code unit for code unit.
     */
    public static byte[] write(Object tree) {
        StringBuilder out = new StringBuilder(256);
        write(out, tree);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            writeString(out, s);
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (v instanceof Collection<?> c) {
            out.append('[');
            boolean first = true;
            for (Object item : c) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (v instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || v instanceof BigDecimal) {
            out.append(v);
        } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            out.append(v);
        } else {
            // never a value's text: a programming error, not data
            throw new IllegalStateException("cannot serialise a " + v.getClass().getName() + " in a request body");
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int k = 0, n = s.length(); k < n; k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? k + 1 >= n || !Character.isLowSurrogate(s.charAt(k + 1))
                            : Character.isLowSurrogate(c) && (k == 0 || !Character.isHighSurrogate(s.charAt(k - 1)));
                    if (c < 0x20 || lone) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The string at {@code key}, or empty when absent, null or not a scalar. */
    public static Optional<String> string(Map<String, Object> obj, String key) {
        Object v = obj == null ? null : obj.get(key);
        if (v instanceof String s) {
            return Optional.of(s);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return Optional.of(String.valueOf(v));
        }
        return Optional.empty();
    }

    /** The integer at {@code key}, or {@code fallback}. */
    public static long number(Map<String, Object> obj, String key, long fallback) {
        Object v = obj == null ? null : obj.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** The object at {@code key}, or empty. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> object(Map<String, Object> obj, String key) {
        Object v = obj == null ? null : obj.get(key);
        return v instanceof Map ? Optional.of((Map<String, Object>) v) : Optional.empty();
    }

    /** The objects of the array at {@code key} (non-objects skipped); empty when absent. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Object> obj, String key) {
        Object v = obj == null ? null : obj.get(key);
        if (!(v instanceof List<?> list)) {
            return Collections.emptyList();
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof Map) {
                out.add((Map<String, Object>) item);
            }
        }
        return out;
    }

    /**
     * The objects of the array that {@code key} must hold: a missing or null member, a non-array, or an
     * item that is not an object is {@link MalformedJsonException} (an answer that is not the documented
     * shape is never read as "empty": a proxy's {@code {}} would otherwise wipe every value).
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> requiredObjects(Map<String, Object> obj, String key) {
        Object v = obj == null ? null : obj.get(key);
        if (!(v instanceof List<?> list)) {
            throw new MalformedJsonException("answer has no '" + key + "' array ("
                    + (v == null ? (obj != null && obj.containsKey(key) ? "null" : "missing") : kind(v)) + ")");
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof Map)) {
                throw new MalformedJsonException("'" + key + "' holds a " + kind(item) + " where an object belongs");
            }
            out.add((Map<String, Object>) item);
        }
        return out;
    }

    /** The JSON kind of a parsed node, for messages (never its content). */
    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "object";
        }
        if (v instanceof List) {
            return "array";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return "value";
    }

    /** The strings of the array at {@code key}; empty when absent. */
    public static List<String> strings(Map<String, Object> obj, String key) {
        Object v = obj == null ? null : obj.get(key);
        if (!(v instanceof List<?> list)) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item != null) {
                out.add(String.valueOf(item));
            }
        }
        return out;
    }
}
