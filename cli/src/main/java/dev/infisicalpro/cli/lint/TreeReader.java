package dev.infisicalpro.cli.lint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every document of a YAML stream (or every root value of a JSON file) into {@link Node}s
 * with positions, streaming Jackson tokens: the same code for both formats. JSON is read leniently
 * (comments, trailing commas, unquoted keys, single quotes) because {@code openclaw.json} is JSON5.
 */
final class TreeReader {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonFactory JSON5 = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private TreeReader() {
    }

    /** A parse failure with the position the parser stopped at. */
    static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        ParseError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** All documents of a YAML stream; empty documents are left out. */
    static List<Node> yaml(String text) throws ParseError {
        return read(YAML, text);
    }

    /** All root values of a (JSON5-tolerant) JSON text. */
    static List<Node> json(String text) throws ParseError {
        return read(JSON5, text);
    }

    private static List<Node> read(JsonFactory factory, String text) throws ParseError {
        List<Node> documents = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Node node = value(parser, token);
                if (!(node instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NULL)) {
                    documents.add(node);
                }
            }
        } catch (IOException e) {
            int line = 0;
            int column = 0;
            if (e instanceof com.fasterxml.jackson.core.JacksonException je && je.getLocation() != null) {
                line = je.getLocation().getLineNr();
                column = je.getLocation().getColumnNr();
            }
            throw new ParseError(firstLine(e.getMessage()), Math.max(line, 1), Math.max(column, 1));
        }
        return documents;
    }

    private static Node value(JsonParser parser, JsonToken token) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node.Entry> map = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    JsonLocation keyAt = parser.currentTokenLocation();
                    String key = parser.currentName();
                    Node child = value(parser, parser.nextToken());
                    map.put(key, new Node.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), child));
                }
                return new Node.MapNode(map, line, column);
            }
            case START_ARRAY: {
                List<Node> list = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    list.add(value(parser, t));
                }
                return new Node.ListNode(list, line, column);
            }
            case VALUE_STRING:
                return new Node.Scalar(parser.getText(), Node.Scalar.Type.STRING, line, column);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node.Scalar(parser.getText(), Node.Scalar.Type.NUMBER, line, column);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.Scalar(parser.getText(), Node.Scalar.Type.BOOLEAN, line, column);
            case VALUE_NULL:
                return new Node.Scalar("", Node.Scalar.Type.NULL, line, column);
            default:
                // embedded objects (YAML binary) and the like: keep the text, they are never our shapes
                return new Node.Scalar(parser.getText() == null ? "" : parser.getText(), Node.Scalar.Type.STRING,
                        line, column);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
