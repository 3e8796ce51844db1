package dev.infisicalpro.cli.lint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed YAML or JSON value that remembers where it stood in its file, so every finding can point
 * at a line and column. Jackson's own tree forgets positions; this one keeps them.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

    /** 1-based line of the value's first character. */
    int line();

    /** 1-based column of the value's first character. */
    int column();

    /** The child under {@code key} if this is a map that has it. */
    default Optional<Node> get(String key) {
        return Optional.empty();
    }

    /** The node at a chain of map keys, if every step exists. */
    default Optional<Node> at(String... keys) {
        Optional<Node> current = Optional.of(this);
        for (String key : keys) {
            current = current.flatMap(n -> n.get(key));
        }
        return current;
    }

    /** The text of the scalar at a chain of keys, if it is a non-null scalar. */
    default Optional<String> text(String... keys) {
        return at(keys).flatMap(Node::asText);
    }

    /** This node's text if it is a non-null scalar. */
    default Optional<String> asText() {
        return Optional.empty();
    }

    /** This node's items if it is a list, else empty. */
    default List<Node> items() {
        return List.of();
    }

    /** This node's entries if it is a map, else empty. */
    default Map<String, Entry> entries() {
        return Map.of();
    }

    /** A map key with its own position (for findings about a key's spelling) and its value. */
    record Entry(String key, int line, int column, Node value) {
    }

    /** A mapping (YAML) or object (JSON); entry order as in the file. */
    record MapNode(Map<String, Entry> map, int line, int column) implements Node {
        public MapNode {
            map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }

        @Override
        public Optional<Node> get(String key) {
            Entry e = map.get(key);
            return e == null ? Optional.empty() : Optional.of(e.value());
        }

        @Override
        public Map<String, Entry> entries() {
            return map;
        }
    }

    /** A sequence (YAML) or array (JSON). */
    record ListNode(List<Node> list, int line, int column) implements Node {
        public ListNode {
            list = List.copyOf(list);
        }

        @Override
        public List<Node> items() {
            return list;
        }
    }

    /** A scalar; {@code type} tells a quoted {@code "60"} (STRING) from a plain {@code 60} (NUMBER). */
    record Scalar(String value, Type type, int line, int column) implements Node {
        enum Type { STRING, NUMBER, BOOLEAN, NULL }

        @Override
        public Optional<String> asText() {
            return type == Type.NULL ? Optional.empty() : Optional.of(value);
        }
    }
}
