package dev.infisicalpro.cli.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenClaw's exec secret-provider protocol, version 1. Request on stdin:
 * {@code {"protocolVersion":1,"provider":"infisical","ids":["KEY", ...]}}; answer on stdout, one JSON
 * object: {@code {"protocolVersion":1,"values":{"KEY":"v"},"errors":{"OTHER":{"message":"..."}}}}
 * ({@code errors} only when there are any). A request this provider cannot read gets the same shape
 * plus a top-level {@code "error":{"message":...}}.
 *
 * <pre>{@code
 * ExecProtocol.Request req = ExecProtocol.parse(stdinText);
 * String answer = ExecProtocol.answer(values, errors, null);
 * }</pre>
 */
public final class ExecProtocol {

    /** The one version spoken. */
    public static final int VERSION = 1;

    // Non-ASCII escaped: the answer is plain ASCII whatever the reader's charset.
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private ExecProtocol() {
    }

    /** A request: the provider name (may be empty) and the ids in order. */
    public record Request(String provider, List<String> ids) {
    }

    /** A request that cannot be served; {@link #ids()} are those that could be read, if any. */
    public static final class ProtocolError extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<String> ids;

        ProtocolError(String message, List<String> ids) {
            super(message);
            this.ids = List.copyOf(ids);
        }

        /** Ids that could be read from the request (to answer each with the error). */
        public List<String> ids() {
            return ids;
        }
    }

    /** Reads a request; unreadable input, an unknown version or bad ids fail with a {@link ProtocolError}. */
    public static Request parse(String text) throws ProtocolError {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote input: only its position is kept
            throw new ProtocolError("the request on stdin is not JSON (at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")", List.of());
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolError("the request on stdin is not a JSON object", List.of());
        }
        List<String> ids = new ArrayList<>();
        JsonNode idsNode = root.get("ids");
        boolean idsOk = idsNode != null && idsNode.isArray();
        if (idsOk) {
            for (JsonNode id : idsNode) {
                if (id.isTextual()) {
                    ids.add(id.asText());
                } else {
                    idsOk = false;
                }
            }
        }
        JsonNode version = root.get("protocolVersion");
        if (version == null || !version.isIntegralNumber()) {
            throw new ProtocolError("the request has no protocolVersion (this provider speaks " + VERSION + ")", ids);
        }
        if (version.asInt() != VERSION || !version.canConvertToInt()) {
            throw new ProtocolError("unsupported protocolVersion " + version.asText() + " (this provider speaks "
                    + VERSION + ")", ids);
        }
        if (!idsOk) {
            throw new ProtocolError("the request has no \"ids\" array of strings", ids);
        }
        JsonNode provider = root.get("provider");
        return new Request(provider != null && provider.isTextual() ? provider.asText() : "", ids);
    }

    /**
     * The answer: {@code values} by id, {@code errors} by id (message), and for a request that could not
     * be served at all a top-level {@code error} ({@code null} otherwise).
     */
    public static String answer(Map<String, String> values, Map<String, String> errors, String error) {
        ObjectNode root = JSON.createObjectNode();
        root.put("protocolVersion", VERSION);
        ObjectNode v = root.putObject("values");
        values.forEach(v::put);
        if (!errors.isEmpty()) {
            ObjectNode e = root.putObject("errors");
            errors.forEach((id, message) -> e.putObject(id).put("message", message));
        }
        if (error != null) {
            root.putObject("error").put("message", error);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
