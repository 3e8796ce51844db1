package dev.infisicalpro.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How long ago this process started, launcher and JVM start included: what a caller's timeout
 * (OpenClaw's {@code timeoutMs}) measures. {@code ProcessHandle.Info.startInstant()} is derived from the
 * boot time in whole seconds and can be a second off; on Linux both ends are read relative to boot
 * instead ({@code /proc/self/stat} start time against {@code /proc/uptime}), to 10 ms.
 *
 * <pre>{@code
 * Instant deadline = Instant.now().plus(timeout).minus(ProcessAge.elapsed());
 * }</pre>
 */
public final class ProcessAge {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0; // USER_HZ: 100 on every Linux ABI

    private ProcessAge() {
    }

    /** Time since this process started; zero when it cannot be told. */
    public static Duration elapsed() {
        return fromProc().orElse(Duration.ZERO);
    }

    private static Optional<Duration> fromProc() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII);
            // fields after the command name in parentheses (which may itself contain spaces)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long startTicks = Long.parseLong(f[19]); // field 22 of proc(5): starttime
            double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
            double age = upSeconds - startTicks / CLOCK_TICKS_PER_SECOND;
            if (age < 0 || age > 3600) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.round(age * 1000)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
