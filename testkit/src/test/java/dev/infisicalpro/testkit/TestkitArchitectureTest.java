package dev.infisicalpro.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layering rules of the testkit (issue 11): only the route table knows the server's route paths, and
 * no main source file grows past ~400 lines without saying why in its header.
 */
class TestkitArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Code lines only: Javadoc and comments may name routes in examples. */
    private static List<String> code(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.trim();
            if (!(t.startsWith("*") || t.startsWith("/*") || t.startsWith("//"))) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void onlyTheRouteTableKnowsRoutes() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            if (f.getFileName().toString().equals("RouteTable.java")) {
                continue;
            }
            for (String line : code(f)) {
                if (line.contains("\"/api/")) {
                    offenders.add(MAIN.relativize(f) + ": " + line.trim());
                }
            }
        }
        assertThat(offenders).as("route paths outside RouteTable").isEmpty();
        assertThat(sources()).anySatisfy(p -> assertThat(p.getFileName().toString()).isEqualTo("RouteTable.java"));
    }

    @Test
    void bigFilesSayWhyInTheirHeader() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path f : sources()) {
            List<String> lines = Files.readAllLines(f);
            if (lines.size() > 420) {
                String header = String.join("\n", lines.subList(0, Math.min(80, lines.size())));
                if (!header.contains("Over 400 lines because")) {
                    offenders.add(MAIN.relativize(f) + " (" + lines.size() + " lines)");
                }
            }
        }
        assertThat(offenders).as("files over ~400 lines without a reason in the header").isEmpty();
    }
}
