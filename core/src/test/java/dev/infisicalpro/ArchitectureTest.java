package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each concern in one place (docs/architecture.md), checked over the sources. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/infisicalpro");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    /**
     * JSON is read and written by {@code internal.Json} alone, with no JSON library at run time (jackson-core
     * is a test dependency, for the differential fuzz): a library import anywhere, Json.java included, fails.
     */
    @Test
    void noSourceUsesAJsonLibrary() throws IOException {
        Pattern library = Pattern.compile("import (static )?(com\\.fasterxml|com\\.google\\.gson|org\\.json|jakarta\\.json|javax\\.json)\\.");
        int scanned = 0;
        for (Path p : sources()) {
            scanned++;
            assertThat(library.matcher(Files.readString(p)).find()).as(p.toString()).isFalse();
        }
        assertThat(scanned).isPositive();
    }

    @Test
    void endpointPathsLiveOnlyInApiPaths() throws IOException {
        Pattern route = Pattern.compile("\"/v[1-4]/");
        for (Path p : sources()) {
            if (!p.getFileName().toString().equals("ApiPaths.java")) {
                assertThat(route.matcher(Files.readString(p)).find()).as(p.toString()).isFalse();
            }
        }
    }

    /** OkHttp is the transport's: {@code Transport} and its interceptor {@code BearerAuth}. */
    @Test
    void onlyTheTransportTalksOkHttp() throws IOException {
        for (Path p : sourcesExcept("Transport.java", "BearerAuth.java")) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain("import okhttp3");
        }
    }

    @Test
    void noPrintingOrOtherLoggingApis() throws IOException {
        for (Path p : sources()) {
            // DataSource.getParentLogger's return type is JUL by JDBC's definition; naming it logs nothing
            String src = Files.readString(p).replace("java.util.logging.Logger getParentLogger()", "");
            assertThat(src).as(p.toString()).doesNotContain("System.out").doesNotContain("System.err")
                    .doesNotContain("printStackTrace").doesNotContain("org.slf4j").doesNotContain("java.util.logging");
        }
    }

    /**
     * Keyed, reference-counted sharing of live views lives once, in core's {@code internal.SharedLiveViews}:
     * the adapters keep only what is theirs (Spring's load rounds, MicroProfile's Cleaner and shutdown hook)
     * and hold no view map, reference count or settings digest of their own.
     */
    @Test
    void adaptersNeverHoldViewSharingCodeOfTheirOwn() throws IOException {
        Pattern sharing = Pattern.compile("Map<String,\\s*CompletableFuture|(refs|leases)\\s*(\\+\\+|--)"
                + "|(\\+\\+|--)\\s*(refs|leases)\\b|MessageDigest|HmacSHA256|Mac\\.getInstance");
        int adapters = 0;
        for (String module : List.of("spring-adapter", "microprofile-adapter", "cli")) {
            Path root = Path.of("..", module, "src/main/java");
            if (!Files.isDirectory(root)) {
                continue;
            }
            adapters++;
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                    assertThat(sharing.matcher(Files.readString(p)).find())
                            .as(p + " shares live views itself; use dev.infisicalpro.internal.SharedLiveViews").isFalse();
                }
            }
        }
        assertThat(adapters).as("the adapters' sources are found next to core").isGreaterThanOrEqualTo(2);
    }

    // ---------------------------------------------------------------- live views (internal.live)

    private static final Path LIVE = MAIN.resolve("internal/live");

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every core source except the named files, with its text. */
    private static List<Path> sourcesExcept(String... files) throws IOException {
        List<String> skip = List.of(files);
        return sources().stream().filter(p -> !skip.contains(p.getFileName().toString())).toList();
    }

    /**
     * Building a snapshot (shared provenance, merge with its collisions, diff) is pure: no I/O, no
     * logging, no threads, no state. It imports only collections and the value types it works on.
     */
    @Test
    void liveAssemblyIsPureFunctions() {
        String src = read(LIVE.resolve("SnapshotAssembly.java"));
        Pattern imports = Pattern.compile("(?m)^import\\s+([\\w.]+);");
        var m = imports.matcher(src);
        int count = 0;
        while (m.find()) {
            count++;
            assertThat(m.group(1)).as("SnapshotAssembly imports only collections and value types")
                    .matches("java\\.util\\.[A-Z]\\w*|dev\\.infisicalpro\\.(Provenance|Secret|SecretChange|SecretPath)");
        }
        assertThat(count).isPositive();
        assertThat(src).doesNotContain("System.").doesNotContain("Warnings").doesNotContain("Thread")
                .doesNotContain("synchronized").doesNotContain("volatile").doesNotContain("java.io")
                .doesNotContain("java.net").doesNotContain("Secrets ").doesNotContain("Clock");
        // no instance state: every field is a static constant
        Pattern field = Pattern.compile("(?m)^    (private |public |protected )?(?!static)(final )?\\w[\\w<>, ]* \\w+( = [^;]+)?;");
        assertThat(field.matcher(src).find()).as("SnapshotAssembly has instance fields").isFalse();
    }

    /** Only the change feed hands changes to listeners (ordered, isolated): nothing else leases event threads. */
    @Test
    void onlyTheChangeFeedDeliversToListeners() throws IOException {
        Pattern delivery = Pattern.compile("SerialExecutor|SharedDaemonExecutor\\.EVENTS");
        for (Path p : sourcesExcept("ChangeFeed.java", "SerialExecutor.java", "SharedDaemonExecutor.java")) {
            assertThat(delivery.matcher(read(p)).find()).as(p + " delivers change events itself").isFalse();
        }
        assertThat(delivery.matcher(read(LIVE.resolve("ChangeFeed.java"))).find()).isTrue();
    }

    /** Only the refresh loop decides when the next refresh runs and leases the refresh threads. */
    @Test
    void onlyTheRefreshLoopSchedulesRefreshes() throws IOException {
        Pattern scheduling = Pattern.compile("\\bBackoff\\.|SharedDaemonExecutor\\.(REFRESH|WORKERS)|\\.schedule\\(");
        for (Path p : sourcesExcept("RefreshLoop.java", "Backoff.java", "SharedDaemonExecutor.java")) {
            assertThat(scheduling.matcher(read(p)).find()).as(p + " schedules refreshes itself").isFalse();
        }
        assertThat(scheduling.matcher(read(LIVE.resolve("RefreshLoop.java"))).find()).isTrue();
    }

    // ---------------------------------------------------------------- authentication

    private static final Path AUTH = MAIN.resolve("internal/auth");

    /** The bearer header is set in one place, the interceptor; no request builds its own. */
    @Test
    void onlyTheInterceptorSetsTheAuthorizationHeader() throws IOException {
        for (Path p : sourcesExcept("BearerAuth.java")) {
            assertThat(read(p)).as(p + " sets an Authorization header").doesNotContain("\"Authorization\"");
        }
        assertThat(read(MAIN.resolve("internal/BearerAuth.java"))).contains("\"Authorization\"");
    }

    /**
     * Only the login classes (one per mechanism, in {@code internal.auth}) build login and renew requests;
     * each mechanism's route is named in its own class only. {@code TokenManager} decides when, and sends
     * nothing itself.
     */
    @Test
    void onlyTheLoginClassesBuildLoginRequests() throws IOException {
        Pattern login = Pattern.compile("ApiPaths\\.(UNIVERSAL_AUTH_LOGIN|KUBERNETES_AUTH_LOGIN|TOKEN_RENEW"
                + "|CLIENT_ID|IDENTITY_ID)\\b");
        for (Path p : sources()) {
            if (!p.startsWith(AUTH)) {
                assertThat(login.matcher(read(p)).find()).as(p + " builds a login request").isFalse();
            }
        }
        Map<String, String> routeOwner = Map.of("UNIVERSAL_AUTH_LOGIN", "UniversalAuthLogin.java",
                "KUBERNETES_AUTH_LOGIN", "KubernetesLogin.java", "TOKEN_RENEW", "Login.java");
        try (Stream<Path> s = Files.list(AUTH)) {
            for (Path p : s.toList()) {
                String src = read(p);
                routeOwner.forEach((route, owner) -> assertThat(src.contains("ApiPaths." + route))
                        .as(p + " names " + route).isEqualTo(p.getFileName().toString().equals(owner)));
            }
        }
        String tokenManager = read(MAIN.resolve("internal/TokenManager.java"));
        assertThat(tokenManager).as("TokenManager sends nothing itself")
                .doesNotContain("Transport").doesNotContain("Call.").doesNotContain("ApiPaths");
    }
}
