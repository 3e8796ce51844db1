package dev.infisicalpro.cli.lint;

import dev.infisicalpro.cli.lint.Findings.Doc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules for OpenClaw's {@code openclaw.json} (JSON5): SecretRef shape and the exec provider command. */
final class OpenClawRules {

    private static final Pattern REF_STRING = Pattern.compile("^ref:([A-Za-z][A-Za-z0-9_-]{0,63}):(\\S+)$");

    private final Doc doc;
    private final Findings out;

    OpenClawRules(Doc doc, Findings out) {
        this.doc = doc;
        this.out = out;
    }

    void run() {
        walk(doc.root());
        doc.root().at("secrets", "providers").ifPresent(providers -> providers.entries().values().forEach(p -> {
            if (p.value().text("source").orElse("").equals("exec")) {
                execCommand(p.key(), p.value());
            }
        }));
    }

    private void walk(Node node) {
        if (node instanceof Node.Scalar s && s.type() == Node.Scalar.Type.STRING) {
            Matcher m = REF_STRING.matcher(s.value().strip());
            if (m.matches()) {
                String provider = m.group(1);
                String source = doc.root().text("secrets", "providers", provider, "source").orElse("exec");
                out.add(doc, s, Rule.OPENCLAW_REF_STRING, "\"" + s.value().strip() + "\" is taken as a literal "
                        + "string, not a secret reference: use {\"source\": \"" + source + "\", \"provider\": \""
                        + provider + "\", \"id\": \"" + m.group(2) + "\"}");
            }
        }
        node.entries().values().forEach(e -> walk(e.value()));
        node.items().forEach(this::walk);
    }

    private void execCommand(String name, Node provider) {
        Optional<Node> commandNode = provider.at("command");
        String command = commandNode.flatMap(Node::asText).orElse("").strip();
        Node at = commandNode.orElse(provider);
        if (command.isEmpty()) {
            out.add(doc, at, Rule.OPENCLAW_EXEC_COMMAND, "exec provider \"" + name + "\" has no command: set the "
                    + "absolute path of the wrapper script, e.g. /usr/local/bin/openclaw-infisical");
            return;
        }
        if (!command.startsWith("/")) {
            out.add(doc, at, Rule.OPENCLAW_EXEC_COMMAND, "exec provider \"" + name + "\" command \"" + command
                    + "\" is not an absolute path: OpenClaw runs no shell and resolves nothing, use the full path "
                    + "(e.g. /usr/local/bin/" + Path.of(command.replace("~", "x")).getFileName() + ")");
            return;
        }
        boolean allowSymlink = provider.text("allowSymlinkCommand").orElse("false").equals("true");
        Path path = Path.of(command);
        if (!allowSymlink && Files.isSymbolicLink(path)) {
            String target;
            try {
                target = path.toRealPath().toString();
            } catch (java.io.IOException e) {
                target = "a missing file";
            }
            out.add(doc, at, Rule.OPENCLAW_EXEC_COMMAND, "exec provider \"" + name + "\" command " + command
                    + " is a symlink to " + target + ": OpenClaw refuses symlinked commands unless "
                    + "allowSymlinkCommand is true (pair it with trustedDirs); point command at the target");
        }
    }
}
