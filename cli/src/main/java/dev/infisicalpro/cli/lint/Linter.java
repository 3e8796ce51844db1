package dev.infisicalpro.cli.lint;

import dev.infisicalpro.cli.lint.Findings.Doc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks over files and directories, no network: Kubernetes manifests (multi-document
 * YAML), {@code openclaw.json}, shell scripts and systemd units, and the fenced blocks of Markdown
 * files. All manifests of one run are checked together, so an InfisicalSecret in one file and the
 * Secret it names in another are matched.
 *
 * <pre>{@code
 * LintResult result = new Linter().lint(List.of(Path.of("k8s"), Path.of("openclaw.json")));
 * result.findings().forEach(f -> System.out.println(f.format()));
 * System.exit(result.hasErrors() ? 1 : 0);
 * }</pre>
 */
public final class Linter {

    /** What a file is read as. */
    enum Kind { YAML, OPENCLAW, SCRIPT, MARKDOWN, SKIP }

    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", "build", "dist", "vendor");
    private static final Set<String> SCRIPT_EXTENSIONS = Set.of("sh", "bash", "zsh", "ksh", "service", "timer",
            "socket", "path", "mount", "target", "env");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```+|~~~+)\\s*([A-Za-z0-9_+-]*).*$");

    private final Set<Rule> disabled;

    /** A linter with every rule on. */
    public Linter() {
        this(Set.of());
    }

    /** A linter with {@code disabled} rules off (the command's {@code --disable}). */
    public Linter(Set<Rule> disabled) {
        this.disabled = disabled.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(disabled);
    }

    /**
     * Lints files and directories (recursively; build output, dependency and hidden folders are
     * skipped). A path given explicitly is always read; in directories only known file types are.
     *
     * @throws UncheckedIOException if a given path cannot be read
     */
    public LintResult lint(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        Map<Path, Boolean> explicit = new HashMap<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                walk(path, files);
            } else if (Files.isRegularFile(path)) {
                files.add(path);
                explicit.put(path, true);
            } else {
                throw new UncheckedIOException(new java.io.FileNotFoundException(path + ": no such file or directory"));
            }
        }
        Findings out = new Findings();
        List<Doc> manifests = new ArrayList<>();
        Map<String, Suppressions> suppressions = new HashMap<>();
        int checked = 0;
        for (Path file : files) {
            Kind kind = kind(file, explicit.containsKey(file));
            if (kind == Kind.SKIP) {
                continue;
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                continue; // not text
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            checked++;
            String display = file.toString();
            List<String> lines = text.lines().toList();
            suppressions.put(display, Suppressions.parse(lines));
            switch (kind) {
                case YAML -> yaml(display, text, 0, manifests, out, true);
                case OPENCLAW -> openclaw(display, text, out);
                case SCRIPT -> new ScriptRules(display, lines, 0, out).run();
                case MARKDOWN -> markdown(display, lines, manifests, out);
                default -> {
                }
            }
        }
        new ManifestRules(manifests, out).run();

        List<Finding> kept = new ArrayList<>();
        for (Finding f : out.all()) {
            Suppressions s = suppressions.get(f.file());
            if (!disabled.contains(f.rule()) && (s == null || !s.suppresses(f))) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column).thenComparing(f -> f.rule().id()));
        return new LintResult(kept.stream().distinct().toList(), checked);
    }

    private static void yaml(String file, String text, int offset, List<Doc> manifests, Findings out,
            boolean reportParseErrors) {
        try {
            for (Node root : TreeReader.yaml(text)) {
                manifests.add(new Doc(file, offset, root));
            }
        } catch (TreeReader.ParseError e) {
            if (reportParseErrors) {
                boolean template = text.contains("{{");
                out.add(file, e.line + offset, e.column, Rule.PARSE_ERROR, (template
                        ? "looks like a Helm/Go template, which lint cannot read; lint the rendered output "
                        + "(helm template … > rendered.yaml): "
                        : "not valid YAML: ") + e.getMessage());
            }
        }
    }

    private static void openclaw(String file, String text, Findings out) {
        try {
            for (Node root : TreeReader.json(text)) {
                new OpenClawRules(new Doc(file, 0, root), out).run();
            }
        } catch (TreeReader.ParseError e) {
            out.add(file, e.line, e.column, Rule.PARSE_ERROR, "not valid JSON/JSON5: " + e.getMessage());
        }
    }

    /** Fenced yaml and shell/unit blocks of a Markdown file, with positions in the Markdown file. */
    private static void markdown(String file, List<String> lines, List<Doc> manifests, Findings out) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(1);
            String language = open.group(2).toLowerCase(Locale.ROOT);
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().startsWith(fence)) {
                end++;
            }
            List<String> block = lines.subList(i + 1, Math.min(end, lines.size()));
            switch (language) {
                case "yaml", "yml" -> yaml(file, String.join("\n", block), i + 1, manifests, out, false);
                case "sh", "bash", "shell", "zsh", "ini", "systemd" -> new ScriptRules(file, block, i + 1, out).run();
                // a console session: only the commands after a "$ " prompt, not what they printed
                case "console" -> new ScriptRules(file, block.stream()
                        .map(l -> l.startsWith("$ ") ? "  " + l.substring(2) : "").toList(), i + 1, out).run();
                default -> {
                }
            }
            i = end;
        }
    }

    static Kind kind(Path file, boolean explicit) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (ext.equals("yaml") || ext.equals("yml")) {
            return Kind.YAML;
        }
        if (ext.equals("json") || ext.equals("json5")) {
            return explicit || name.startsWith("openclaw") ? Kind.OPENCLAW : Kind.SKIP;
        }
        if (ext.equals("md") || ext.equals("markdown")) {
            return Kind.MARKDOWN;
        }
        if (SCRIPT_EXTENSIONS.contains(ext) || explicit) {
            return Kind.SCRIPT;
        }
        if (dot < 0 && shebangShell(file)) {
            return Kind.SCRIPT;
        }
        return Kind.SKIP;
    }

    private static boolean shebangShell(Path file) {
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return first != null && first.startsWith("#!") && first.matches("#!.*\\b(ba|z|k|da)?sh\\b.*");
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void walk(Path dir, List<Path> files) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = d.getFileName() == null ? "" : d.getFileName().toString();
                    boolean hidden = name.startsWith(".") && !d.equals(dir);
                    return hidden || (SKIPPED_DIRS.contains(name) && !d.equals(dir))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.naturalOrder());
    }
}
