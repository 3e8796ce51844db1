package dev.infisicalpro.testkit.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The picomatch truth table of infisical-api.md §6.3 (verified there with picomatch 3.0.1). */
class GlobTest {

    @ParameterizedTest(name = "{0}: isGlob={1} / {2} /app {3} /app/x {4} /app/x/y {5} /application {6}")
    @CsvSource({
            "/,       false, true,  false, false, false, false",
            "/**,     true,  true,  true,  true,  true,  true",
            "/*,      true,  false, true,  false, false, true",
            "/app,    false, false, true,  false, false, false",
            "/app/**, true,  false, true,  true,  true,  false",
            "/app/*,  true,  false, false, true,  false, false",
            "/app*,   true,  false, true,  false, false, true",
            "**,      true,  true,  true,  true,  true,  true",
    })
    void truthTable(String pattern, boolean isGlob, boolean root, boolean app, boolean appX, boolean appXY,
                    boolean application) {
        assertThat(Glob.isGlob(pattern)).isEqualTo(isGlob);
        assertThat(Glob.matches("/", pattern)).isEqualTo(root);
        assertThat(Glob.matches("/app", pattern)).isEqualTo(app);
        assertThat(Glob.matches("/app/x", pattern)).isEqualTo(appX);
        assertThat(Glob.matches("/app/x/y", pattern)).isEqualTo(appXY);
        assertThat(Glob.matches("/application", pattern)).isEqualTo(application);
    }

    @ParameterizedTest
    @CsvSource({"'', /", "'/{a,b}', /a", "'/{a,b}', /b", "/[ab]x, /bx", "/a?c, /abc"})
    void otherSyntax(String pattern, String path) {
        boolean expected = !pattern.isEmpty(); // an empty pattern never matches
        assertThat(Glob.matches(path, pattern)).isEqualTo(expected);
    }
}
