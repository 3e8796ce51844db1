package dev.infisicalpro.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only class that imports Jackson: JSON text to plain {@code Map}/{@code List}/{@code String}/
 * {@code Number}/{@code Boolean} trees and back, plus null-safe readers over such trees. Keeping Jackson
 * behind this one class makes a Jackson 2 to 3 move a one-file change. Not API.
 *
 * <p>Only Jackson's streaming layer (jackson-core) is used: the trees are plain collections, so
 * databind's object mapping would add a jar of about 1.6 MB and a few hundred classes loaded before the
 * first value for nothing (docs/architecture.md, "Runtime dependencies").
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

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
     * lists, strings, numbers ({@code Integer}, {@code Long}, {@code BigInteger}, {@code Double}),
     * booleans and nulls. Exactly one document: trailing content is malformed.
     */
    public static Object parse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedJsonException("response is not valid JSON (no content)");
            }
            Object value = value(p, first);
            if (p.nextToken() != null) {
                throw new MalformedJsonException("response is not valid JSON (trailing content)");
            }
            return value;
        } catch (IOException e) {
            // Jackson's message may contain a snippet of the body (which may be a secret value): drop it.
            throw new MalformedJsonException("response is not valid JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The value starting at {@code t}; nesting depth is bounded by the parser's StreamReadConstraints. */
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
                return p.getNumberValue(); // Integer, Long or BigInteger by magnitude
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new MalformedJsonException("response is not valid JSON (unexpected " + t + ")");
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

    /** Serialises a tree of maps, collections, strings, numbers, booleans and nulls. */
    public static byte[] write(Object tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, tree);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise request body (" + e.getClass().getSimpleName() + ")");
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object item : c) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            // never a value's text: a programming error, not data
            throw new IllegalStateException("cannot serialise a " + v.getClass().getName() + " in a request body");
        }
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
