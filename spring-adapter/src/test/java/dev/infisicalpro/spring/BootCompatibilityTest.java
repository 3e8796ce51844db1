package dev.infisicalpro.spring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One jar for Boot 3.5 and 4.0: Boot 4 moved the bootstrap types to
 * {@code org.springframework.boot.bootstrap}, so no compiled class may name the Boot 3 ones.
 */
class BootCompatibilityTest {

    private static final List<String> MOVED_IN_BOOT_4 = List.of("org/springframework/boot/BootstrapRegistry",
            "org/springframework/boot/BootstrapContext", "org/springframework/boot/ConfigurableBootstrapContext",
            "org/springframework/boot/DefaultBootstrapContext", "org/springframework/boot/BootstrapRegistryInitializer",
            "getBootstrapContext");

    @Test
    void noAdapterClassReferencesBootstrapTypesThatMovedInBoot4() throws IOException {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
            assertThat(classFiles).isNotEmpty();
            for (Path file : classFiles) {
                // class-file constant pools hold type and method names as plain (modified) UTF-8
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String banned : MOVED_IN_BOOT_4) {
                    assertThat(text).as(file + " must not reference " + banned).doesNotContain(banned);
                }
            }
        }
    }
}
