package dev.infisicalpro.microprofile;

import dev.infisicalpro.Provenance;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PropertyNameMappingTest {

    private static Secret secret(String key, String value, String path) {
        return new Secret(key, value, "", 1, SecretType.SHARED, new Provenance("dev", SecretPath.of(path), false));
    }

    private static Map<String, Secret> secrets(Secret... all) {
        Map<String, Secret> map = new LinkedHashMap<>();
        for (Secret s : all) {
            map.put(s.key(), s);
        }
        return map;
    }

    private static String lookup(Map<String, Secret> secrets, String name) {
        return PropertyNameMapping.lookup(secrets, name).map(Secret::value).orElse(null);
    }

    @Test
    void dottedAndDashedNamesFindEnvironmentStyleKeys() {
        Map<String, Secret> s = secrets(secret("DB_PASSWORD", "a", "/"),
                secret("QUARKUS_DATASOURCE_PASSWORD", "b", "/"), secret("MY_APP_API_KEY", "c", "/"),
                secret("QUARKUS_DATASOURCE__USERS__PASSWORD", "d", "/"));
        assertThat(lookup(s, "db.password")).isEqualTo("a");
        assertThat(lookup(s, "DB_PASSWORD")).isEqualTo("a");
        assertThat(lookup(s, "quarkus.datasource.password")).isEqualTo("b");
        assertThat(lookup(s, "my-app.api-key")).isEqualTo("c");
        assertThat(lookup(s, "quarkus.datasource.\"users\".password")).isEqualTo("d");
        assertThat(lookup(s, "db.user")).isNull();
    }

    @Test
    void lookupTakesExactNameThenUnderscoredThenUpperCased() {
        Map<String, Secret> s = secrets(secret("db.password", "exact", "/"), secret("db_password", "underscored", "/"),
                secret("DB_PASSWORD", "upper", "/"));
        assertThat(lookup(s, "db.password")).isEqualTo("exact");
        assertThat(lookup(s, "db-password")).isEqualTo("underscored");
        assertThat(lookup(s, "DB.PASSWORD")).isEqualTo("upper");
    }

    @Test
    void lookupIsCaseSensitiveOtherwise() {
        Map<String, Secret> s = secrets(secret("apiKey", "v", "/"));
        assertThat(lookup(s, "apiKey")).isEqualTo("v");
        assertThat(lookup(s, "apikey")).isNull();
    }

    @Test
    void environmentStyleKeysGetADottedAlias() {
        assertThat(PropertyNameMapping.dottedAlias("DB_PASSWORD")).contains("db.password");
        assertThat(PropertyNameMapping.dottedAlias("PORT")).contains("port");
        assertThat(PropertyNameMapping.dottedAlias("OAUTH2_CLIENT_ID")).contains("oauth2.client.id");
        assertThat(PropertyNameMapping.dottedAlias("db.password")).isEmpty();
        assertThat(PropertyNameMapping.dottedAlias("apiKey")).isEmpty();
        assertThat(PropertyNameMapping.dottedAlias("_HIDDEN")).isEmpty();
        assertThat(PropertyNameMapping.dottedAlias("A__B")).isEmpty();
        assertThat(PropertyNameMapping.dottedAlias("123")).isEmpty();
    }

    @Test
    void theReadmeAliasTableHolds() {
        // microprofile-adapter/README.md, "Which keys get a dotted alias"
        assertThat(PropertyNameMapping.dottedAlias("API_KEY_2")).contains("api.key.2");
        assertThat(PropertyNameMapping.dottedAlias("2FA_SECRET")).contains("2fa.secret");
        for (String key : List.of("db.password", "db-password", "dbPassword", "db_password", "Db_Password",
                "DB__PASSWORD", "_TOKEN", "TOKEN_", "123")) {
            assertThat(PropertyNameMapping.dottedAlias(key)).as(key).isEmpty();
        }
        // an alias is listed only when it answers: db.password finds DB_PASSWORD, not Db_Password
        Map<String, Secret> mixed = Map.of("Db_Password", secret("Db_Password", "v", "/"));
        assertThat(PropertyNameMapping.lookup(mixed, "db.password")).isEmpty();
    }

    @Test
    void propertyNamesListKeysAndUnownedAliases() {
        Map<String, Secret> s = secrets(secret("DB_PASSWORD", "a", "/"), secret("apiKey", "b", "/"),
                secret("CACHE_TTL", "c", "/"), secret("cache.ttl", "d", "/"));
        assertThat(PropertyNameMapping.propertyNames(s))
                .containsExactlyInAnyOrder("DB_PASSWORD", "db.password", "apiKey", "CACHE_TTL", "cache.ttl");
    }

    @Test
    void collisionsGroupKeysCompetingForOneName() {
        Map<String, Secret> s = secrets(secret("DB_PASSWORD", "a", "/app"), secret("db.password", "b", "/shared"),
                secret("API_KEY", "c", "/app"));
        List<List<Secret>> groups = PropertyNameMapping.collisions(s);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0)).extracting(Secret::key).containsExactly("DB_PASSWORD", "db.password");
    }
}
