package dev.infisicalpro.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picocli converter for durations: {@code 500ms}, {@code 4s}, {@code 2m}, {@code 1h}, ISO-8601
 * {@code PT4S}, or plain seconds.
 *
 * <pre>{@code
 * @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "4s")
 * Duration timeout;
 * }</pre>
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        String t = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // fall through
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 4s, 2m, PT4S)");
    }
}
