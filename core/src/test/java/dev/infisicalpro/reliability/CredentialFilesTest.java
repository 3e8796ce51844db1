package dev.infisicalpro.reliability;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 10, defect 5: credential files are read only when they are regular files of at most 64 KiB (a
 * huge file or {@code /dev/zero} would fill the heap, a FIFO would hang startup), and the errors name
 * the setting and the file's role, never the directory a setting points at.
 */
@ExtendWith(ThreadBaseline.class)
class CredentialFilesTest {

    @TempDir
    Path dir;

    private static InfisicalSettings load(Path credentialsDir) {
        return InfisicalSettings.load(PropertyLookup.of(Map.of("infisical.auth.credentials-dir",
                credentialsDir.toString(), "infisical.env-slug", "dev")), PropertyLookup.of(Map.of()));
    }

    @Test
    void anOversizedCredentialFileIsRefusedNotRead() throws Exception {
        Files.writeString(dir.resolve("clientId"), "id");
        Files.write(dir.resolve("clientSecret"), new byte[3 * 1024 * 1024]);
        Throwable t = catchThrowable(() -> load(dir));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("clientSecret")
                .hasMessageContaining("64 KiB").hasMessageContaining("infisical.auth.credentials-dir");
    }

    @Test
    void aDeviceInPlaceOfACredentialFileIsRefused() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        Files.writeString(dir.resolve("clientId"), "id");
        Files.createSymbolicLink(dir.resolve("clientSecret"), zero);
        Throwable t = catchThrowable(() -> load(dir));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void aFifoInPlaceOfACredentialFileFailsInsteadOfHanging() throws Exception {
        Files.writeString(dir.resolve("clientId"), "id");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", dir.resolve("clientSecret").toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CompletableFuture<Throwable> result = CompletableFuture.supplyAsync(() -> catchThrowable(() -> load(dir)));
        Throwable t = result.get(10, TimeUnit.SECONDS); // before: blocked for ever in open()
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void aMissingDirectoryIsNamedBySettingNotByItsValue() {
        Path pasted = dir.resolve("st.64f0c8e5CANARY.9f8e7d6cCANARY");
        Throwable t = catchThrowable(() -> load(pasted));
        assertThat(t).isInstanceOf(ValidationException.class).hasMessageContaining("infisical.auth.credentials-dir");
        assertThat(t.getMessage()).doesNotContain("CANARY");
    }
}
