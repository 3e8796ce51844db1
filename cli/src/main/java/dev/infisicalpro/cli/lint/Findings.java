package dev.infisicalpro.cli.lint;

import java.util.ArrayList;
import java.util.List;

/** Collects findings while rules run; positions of nodes are shifted by their document's offset. */
final class Findings {

    private final List<Finding> list = new ArrayList<>();

    void add(String file, int line, int column, Rule rule, String message) {
        list.add(new Finding(file, line, column, rule, message));
    }

    void add(Doc doc, Node at, Rule rule, String message) {
        add(doc.file(), at.line() + doc.lineOffset(), at.column(), rule, message);
    }

    void add(Doc doc, Node.Entry at, Rule rule, String message) {
        add(doc.file(), at.line() + doc.lineOffset(), at.column(), rule, message);
    }

    List<Finding> all() {
        return list;
    }

    /**
     * One parsed document and where it came from; {@code lineOffset} is non-zero for a block inside
     * a Markdown file.
     */
    record Doc(String file, int lineOffset, Node root) {
    }
}
