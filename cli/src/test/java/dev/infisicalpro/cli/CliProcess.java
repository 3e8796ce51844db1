package dev.infisicalpro.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built executable {@code cli/target/infisical-pro} as a real child process, the way OpenClaw
 * and systemd start it: by absolute path, no shell, and an environment that starts empty (only what a
 * test adds). Failsafe passes the path as {@code infisical.pro.executable}.
 */
final class CliProcess {

    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private byte[] stdin = new byte[0];
    private long timeoutSeconds = 60;

    private CliProcess() {
    }

    /** The executable under test (absolute, a regular file). */
    static Path executable() {
        String p = System.getProperty("infisical.pro.executable");
        if (p == null) {
            throw new IllegalStateException("infisical.pro.executable is not set: run these tests with failsafe (mvn verify)");
        }
        Path path = Path.of(p).toAbsolutePath();
        if (!Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is not an executable regular file: was the package phase run?");
        }
        return path;
    }

    static CliProcess of(String... args) {
        CliProcess p = new CliProcess();
        p.args.addAll(Arrays.asList(args));
        return p;
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliProcess stdin(String text) {
        this.stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    CliProcess timeoutSeconds(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** Starts the process without waiting (for run / --watch tests). */
    Process start() {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to the end and returns what it printed and its exit code. */
    Result run() {
        Process p = start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the process may not read stdin at all
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("infisical-pro " + args + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Exit code, stdout and stderr of one run. */
    record Result(int exitCode, String stdout, String stderr) {
        /** stdout and stderr together, for "appears nowhere" checks. */
        String all() {
            return stdout + "\n" + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
