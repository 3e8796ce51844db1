package dev.infisicalpro.cli.lint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * SARIF 2.1.0 output for code-scanning tools (GitHub code scanning, GitLab, IDEs): one run, every
 * rule in the driver, one result per finding with a relative file URI.
 *
 * <pre>{@code
 * Files.writeString(Path.of("lint.sarif"), Sarif.write(result, "0.1.0"));
 * }</pre>
 */
public final class Sarif {

    private Sarif() {
    }

    /** The SARIF document for {@code result}. */
    public static String write(LintResult result, String toolVersion) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "infisical-pro lint");
            g.writeStringField("version", toolVersion);
            g.writeStringField("informationUri", "https://github.com/infisical-pro/infisical-pro-java");
            g.writeArrayFieldStart("rules");
            for (Rule rule : Rule.values()) {
                g.writeStartObject();
                g.writeStringField("id", rule.id());
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", rule.summary());
                g.writeEndObject();
                g.writeObjectFieldStart("defaultConfiguration");
                g.writeStringField("level", rule.severity().sarifLevel());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Finding f : result.findings()) {
                g.writeStartObject();
                g.writeStringField("ruleId", f.rule().id());
                g.writeNumberField("ruleIndex", f.rule().ordinal());
                g.writeStringField("level", f.severity().sarifLevel());
                g.writeObjectFieldStart("message");
                g.writeStringField("text", f.message());
                g.writeEndObject();
                g.writeArrayFieldStart("locations");
                g.writeStartObject();
                g.writeObjectFieldStart("physicalLocation");
                g.writeObjectFieldStart("artifactLocation");
                g.writeStringField("uri", uri(f.file()));
                g.writeEndObject();
                g.writeObjectFieldStart("region");
                g.writeNumberField("startLine", f.line());
                g.writeNumberField("startColumn", f.column());
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A relative URI with forward slashes and percent-encoded spaces, as SARIF viewers expect. */
    private static String uri(String file) {
        String slashed = file.replace('\\', '/');
        if (slashed.startsWith("./")) {
            slashed = slashed.substring(2);
        }
        return slashed.replace("%", "%25").replace(" ", "%20");
    }
}
