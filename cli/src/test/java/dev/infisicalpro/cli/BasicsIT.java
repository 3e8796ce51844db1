package dev.infisicalpro.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The executable itself: one regular file, found Java without PATH, version, help, exit codes. */
class BasicsIT {

    @Test
    void theExecutableIsOneRegularFileThatIsAlsoAJar() throws Exception {
        Path exe = CliProcess.executable();
        assertThat(Files.isSymbolicLink(exe)).isFalse();
        assertThat(Files.isRegularFile(exe, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.isExecutable(exe)).isTrue();
        byte[] head = new byte[2];
        try (var in = Files.newInputStream(exe)) {
            assertThat(in.read(head)).isEqualTo(2);
        }
        assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("#!");
        // the plain java -jar form reads the same file
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", exe.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).startsWith("infisical-pro ");
    }

    @Test
    void startsWithAnEmptyEnvironmentLikeOpenClawDoes() {
        // no PATH, no JAVA_HOME, no HOME, no locale: the launcher must still find a JVM
        CliProcess.Result r = CliProcess.of("--version").run();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).matches("infisical-pro \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*\\)\\R");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void javaHomeIsPreferredAndAMissingJavaIsExplained() {
        CliProcess.Result ok = CliProcess.of("--version").env("JAVA_HOME", System.getProperty("java.home")).run();
        assertThat(ok.exitCode()).as(ok.toString()).isZero();

        CliProcess.Result bad = CliProcess.of("--version").env("INFISICAL_PRO_JAVA", "/nonexistent/java")
                .env("JAVA_HOME", System.getProperty("java.home")).run();
        assertThat(bad.exitCode()).as("an unusable INFISICAL_PRO_JAVA falls through to JAVA_HOME").isZero();
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        CliProcess.Result r = CliProcess.of("--help").run();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("generate").contains("Exit codes: 0 ok, 1 failure, 2 usage");
        for (String command : List.of("generate")) {
            CliProcess.Result sub = CliProcess.of(command, "--help").run();
            assertThat(sub.exitCode()).as(command).isZero();
            assertThat(sub.stdout()).as(command).startsWith("Usage: infisical-pro " + command);
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliProcess.Result none = CliProcess.of().run();
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.stdout()).isEmpty();

        CliProcess.Result unknown = CliProcess.of("no-such-command").run();
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stderr()).contains("no-such-command");
    }
}
