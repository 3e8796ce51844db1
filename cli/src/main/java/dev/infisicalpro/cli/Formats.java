package dev.infisicalpro.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The output formats of {@code export}: {@code dotenv}, {@code dotenv-export} (sh-sourceable),
 * {@code json}, {@code yaml}, {@code properties}. Every format round-trips any value, newlines and
 * quotes included.
 *
 * <pre>{@code
 * String text = Formats.render("dotenv-export", Map.of("DB_PASSWORD", "it's"));
 * // export DB_PASSWORD='it'\''s'
 * }</pre>
 */
public final class Formats {

    /** Accepted names. */
    public static final List<String> NAMES = List.of("dotenv", "dotenv-export", "json", "yaml", "properties");

    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Formats() {
    }

    /** Renders {@code values} (in their order) in {@code format}. */
    public static String render(String format, Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case "dotenv" -> values.forEach((k, v) -> sb.append(k).append('=').append(dotenvQuote(v)).append('\n'));
            case "dotenv-export" -> values.forEach((k, v) -> {
                if (!SHELL_NAME.matcher(k).matches()) {
                    throw new CliException(ExitCodes.FAILURE, "key '" + k + "' is not a shell variable name; "
                            + "use --format dotenv or json");
                }
                sb.append("export ").append(k).append('=').append(shellQuote(v)).append('\n');
            });
            case "json" -> {
                try {
                    sb.append(JSON.writeValueAsString(values)).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot write JSON", e);
                }
            }
            // JSON strings are YAML double-quoted scalars: nothing is ever read as a number, bool or null
            case "yaml" -> values.forEach((k, v) -> sb.append(jsonString(k)).append(": ").append(jsonString(v)).append('\n'));
            case "properties" -> values.forEach((k, v) -> sb.append(propertiesEscape(k, true)).append('=')
                    .append(propertiesEscape(v, false)).append('\n'));
            default -> throw new CliException(ExitCodes.USAGE, "unknown format '" + format + "': use one of " + NAMES);
        }
        return sb.toString();
    }

    /** {@code 'v'}; values holding a quote or a line break are double-quoted with backslash escapes. */
    public static String dotenvQuote(String v) {
        if (v.indexOf('\'') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return "'" + v + "'";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** POSIX sh single quoting: nothing inside is special; a quote is closed, escaped and reopened. */
    static String shellQuote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    private static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** java.util.Properties escaping; non-ASCII as backslash-u so readers that assume ISO-8859-1 agree. */
    static String propertiesEscape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
