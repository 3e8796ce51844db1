package dev.infisicalpro.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only class that imports Jackson: JSON text to plain {@code Map}/{@code List}/{@code String}/
 * {@code Number}/{@code Boolean} trees and back, plus null-safe readers over such trees. Keeping Jackson
 * behind this one class makes a Jackson 2 to 3 move a one-file change. Not API.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };

    private Json() {
    }

    /** Thrown for unparsable JSON; the message never quotes the input (it may hold secret values). */
    public static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a JSON document into a tree of maps, lists and scalars. */
    public static Object parse(byte[] json) {
        try {
            return MAPPER.readValue(json, ANY);
        } catch (IOException e) {
            // Jackson's message may contain a snippet of the body (which may be a secret value): drop it.
            throw new MalformedJsonException("response is not valid JSON ("
                    + e.getClass().getSimpleName() + ")");
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

    /** Serialises a tree of maps, lists and scalars. */
    public static byte[] write(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise request body", e);
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
