package dev.infisicalpro.cli;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.config.InfisicalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings resolution shared by all commands: flags, --config, environment, credentials folders. */
class ConnectionOptionsTest {

    private static final String TOKEN = "st.tok1.s3cr3t-canary.key";
    private static final String OTHER_TOKEN = "st.tok2.other-canary.key";

    @CommandLine.Command(name = "probe")
    static final class Probe {
        @CommandLine.Mixin
        ConnectionOptions connection;
    }

    private static ConnectionOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.connection;
    }

    @Test
    void flagsMirrorTheContract() {
        InfisicalSettings s = parse("--domain", "http://localhost:8080", "--token", TOKEN, "--env", "prod",
                "--path", "/a,/b", "--recursive", "--include-imports=false", "--expand=false", "--project-id", "p1")
                .settings(Map.of());
        assertThat(s.hostApi()).isEqualTo("http://localhost:8080/api");
        assertThat(s.envSlug()).contains("prod");
        assertThat(s.secretsPaths()).extracting(Object::toString).containsExactly("/a", "/b");
        assertThat(s.listOptions().recursive()).isTrue();
        assertThat(s.listOptions().includeImports()).isFalse();
        assertThat(s.listOptions().expandReferences()).isFalse();
        assertThat(s.credentials()).isEqualTo(Credentials.serviceToken(TOKEN));
        assertThat(s.project().toString()).contains("p1");
    }

    @Test
    void aTokenFlagReplacesCredentialsFromTheEnvironmentInsteadOfConflicting() {
        Map<String, String> env = Map.of("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "id",
                "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "secret-canary", "INFISICAL_API_URL", "http://h:1");
        InfisicalSettings s = parse("--token", TOKEN, "--env", "dev").settings(env);
        assertThat(s.credentials()).isEqualTo(Credentials.serviceToken(TOKEN));
        assertThat(s.hostApi()).as("non-auth environment settings still apply").isEqualTo("http://h:1/api");
    }

    @Test
    void theEnvironmentAloneWorksLikeTheLibrary() {
        InfisicalSettings s = parse().settings(Map.of("INFISICAL_TOKEN", TOKEN, "INFISICAL_ENV_SLUG", "dev"));
        assertThat(s.credentials()).isEqualTo(Credentials.serviceToken(TOKEN));
        assertThat(s.envSlug()).contains("dev");
    }

    @Test
    void configFileUsesTheLibraryNamesAndBeatsTheEnvironment(@TempDir Path dir) throws IOException {
        Path config = privateFile(dir.resolve("app.properties"), "infisical.host-api=http://cfg:9\n"
                + "infisical.env-slug=staging\ninfisical.auth.service-token=" + TOKEN + "\n");
        InfisicalSettings s = parse("--config", config.toString()).settings(Map.of("INFISICAL_TOKEN", OTHER_TOKEN));
        assertThat(s.credentials()).isEqualTo(Credentials.serviceToken(TOKEN));
        assertThat(s.hostApi()).isEqualTo("http://cfg:9/api");
        assertThat(s.envSlug()).contains("staging");

        InfisicalSettings flagWins = parse("--config", config.toString(), "--env", "prod").settings(Map.of());
        assertThat(flagWins.envSlug()).contains("prod");
    }

    @Test
    void aConfigFileWithATypoIsRefused(@TempDir Path dir) throws IOException {
        Path config = privateFile(dir.resolve("app.properties"), "infisical.env_slug=dev\n");
        assertThatThrownBy(() -> parse("--config", config.toString()).settings(Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("infisical.env_slug")
                .hasMessageContaining("infisical.env-slug");
    }

    @Test
    void aConfigFileWithCredentialsReadableByOthersIsRefusedLikeSshDoes(@TempDir Path dir) throws IOException {
        Path config = privateFile(dir.resolve("app.properties"), "infisical.auth.service-token=" + TOKEN + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> parse("--config", config.toString()).settings(Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("chmod 600")
                .hasMessageNotContaining("s3cr3t-canary");

        // without credentials in it, a world-readable config file is fine
        Path plain = dir.resolve("plain.properties");
        Files.writeString(plain, "infisical.env-slug=dev\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(parse("--config", plain.toString(), "--token", TOKEN).settings(Map.of()).envSlug()).contains("dev");
    }

    @Test
    void credentialsDirFilesMustBePrivate(@TempDir Path dir) throws IOException {
        Path creds = Files.createDirectory(dir.resolve("creds"));
        privateFile(creds.resolve("infisicalToken"), TOKEN);
        assertThat(parse("--credentials-dir", creds.toString(), "--env", "dev").settings(Map.of()).credentials())
                .isEqualTo(Credentials.serviceToken(TOKEN));

        Files.setPosixFilePermissions(creds.resolve("infisicalToken"), PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> parse("--credentials-dir", creds.toString(), "--env", "dev").settings(Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("infisicalToken").hasMessageContaining("group");
    }

    @Test
    void systemdCredentialsDirectoryIsTheLastResort(@TempDir Path dir) throws IOException {
        Path creds = Files.createDirectory(dir.resolve("credentials"));
        privateFile(creds.resolve("infisicalToken"), TOKEN);
        InfisicalSettings s = parse("--env", "dev").settings(Map.of("CREDENTIALS_DIRECTORY", creds.toString()));
        assertThat(s.credentials()).isEqualTo(Credentials.serviceToken(TOKEN));

        InfisicalSettings env = parse("--env", "dev").settings(Map.of("CREDENTIALS_DIRECTORY", creds.toString(),
                "INFISICAL_TOKEN", OTHER_TOKEN));
        assertThat(env.credentials()).isEqualTo(Credentials.serviceToken(OTHER_TOKEN));
    }

    @Test
    void noCredentialsAnywhereNamesWhatToSet() {
        assertThatThrownBy(() -> parse("--env", "dev").settings(Map.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("infisical.auth.service-token");
    }

    private static Path privateFile(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
