package dev.infisicalpro.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON seed file (format documented in testkit/README.md). */
class SeedFileTest {

    static Path seedFile() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(SeedFileTest.class.getResource("/seed.json")).toURI());
    }

    @Test
    void seedFileCreatesEverythingWithFixedOrGeneratedCredentials() throws Exception {
        try (FakeInfisical fake = FakeInfisical.builder().seedFile(seedFile()).start()) {
            FakeProject p = fake.project("shop").orElseThrow();
            assertThat(p.id()).isEqualTo("11111111-2222-4333-8444-555555555555");
            assertThat(p.environments()).containsExactly("dev", "qa");
            assertThat(p.folderExists("dev", "/billing/invoices")).isTrue();
            assertThat(p.secretValue("dev", "/", "DB_PASSWORD")).contains("s3cret");

            Http http = new Http(fake);
            Http.Res fixed = http.get("/api/v3/secrets/raw/DB_PASSWORD",
                    "st.0a0a0a0a-0000-4000-8000-000000000001.abcdef0123456789abcdef0123456789.00112233445566778899aabbccddeeff");
            assertThat(fixed.status()).isEqualTo(200);
            assertThat(fixed.json().at("/secret/secretComment").asText()).isEqualTo("rotated monthly");

            Http.Res login = http.json("POST", "/api/v1/auth/universal-auth/login", null,
                    Map.of("clientId", "local-client-id", "clientSecret", "local-client-secret"));
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().get("expiresIn").asLong()).isEqualTo(600);
            String token = login.json().get("accessToken").asText();
            Http.Res billing = http.get("/api/v3/secrets/raw?workspaceId=" + p.id()
                    + "&environment=dev&secretPath=%2Fbilling&include_imports=true", token);
            assertThat(FindingsFixture.imports(billing)).containsExactly("qa:/=QA_ONLY");
            Http.Res write = http.json("POST", "/api/v3/secrets/raw/X", token,
                    Map.of("workspaceId", p.id(), "environment", "dev", "secretValue", "x"));
            assertThat(write.status()).isEqualTo(403); // role viewer
        }
    }

    @Test
    void seedResultReportsCreatedCredentials() throws Exception {
        try (FakeInfisical fake = FakeInfisical.start()) {
            SeedResult r = fake.seed(seedFile());
            assertThat(r.projects()).extracting(FakeProject::slug).containsExactly("shop");
            assertThat(r.serviceTokens()).hasSize(2);
            assertThat(r.universalAuth()).hasSize(2);
            assertThat(r.universalAuth().get(1).clientSecret()).hasSize(64);
            assertThat(r.kubernetesIdentityIds()).hasSize(1);
            Http.Res k8s = new Http(fake).json("POST", "/api/v1/auth/kubernetes-auth/login", null,
                    Map.of("identityId", r.kubernetesIdentityIds().get(0), "jwt", "k8s-sa-jwt"));
            assertThat(k8s.status()).isEqualTo(200);
        }
    }

    @Test
    void typosInASeedFileAreErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"projects\":[{\"name\":\"p\",\"secret\":[]}]}");
        try (FakeInfisical fake = FakeInfisical.start()) {
            assertThatThrownBy(() -> fake.seed(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown key 'secret'");
        }
        Path noValue = dir.resolve("novalue.json");
        Files.writeString(noValue, "{\"projects\":[{\"name\":\"p\",\"secrets\":[{\"environment\":\"dev\",\"key\":\"K\"}]}]}");
        try (FakeInfisical fake = FakeInfisical.start()) {
            assertThatThrownBy(() -> fake.seed(noValue)).hasMessageContaining("missing 'value'");
        }
    }
}
