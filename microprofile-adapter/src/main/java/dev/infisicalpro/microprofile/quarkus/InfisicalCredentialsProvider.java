package dev.infisicalpro.microprofile.quarkus;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A Quarkus {@link CredentialsProvider} that answers with the database credentials Infisical holds at
 * that moment: the Infisical config source is live, so after a rotation and the next refresh Agroal opens
 * new connections with the new password, while open connections finish their work (they retire at
 * {@code quarkus.datasource.jdbc.max-lifetime}). No restart, no Vault.
 *
 * <p>It is a CDI bean, but this jar carries no {@code beans.xml} (other MicroProfile runtimes never scan it,
 * and Quarkus apps without a datasource are untouched); a Quarkus app opts in by indexing the jar:
 * <pre>{@code
 * quarkus.index-dependency.infisical.group-id=dev.infisicalpro
 * quarkus.index-dependency.infisical.artifact-id=infisical-pro-microprofile
 * quarkus.datasource.credentials-provider=infisical
 * # optional, these are the defaults for the provider name "infisical":
 * infisical.credentials.infisical.password-key=DB_PASSWORD
 * # infisical.credentials.infisical.username-key=DB_USERNAME   (else quarkus.datasource.username applies)
 * }</pre>
 *
 * <p>The provider name is the value of {@code quarkus.datasource.credentials-provider}; each name reads its
 * own {@code infisical.credentials.<name>.*} keys, so several datasources can use different secrets.
 * Values come from MicroProfile Config, so a key may also be overridden by an environment variable.
 */
@ApplicationScoped
@Unremovable   // Agroal looks it up by type at run time; nothing injects it, and ArC drops unused beans
@Named(InfisicalCredentialsProvider.BEAN_NAME)
public class InfisicalCredentialsProvider implements CredentialsProvider {

    /** The bean name ({@code quarkus.datasource.credentials-provider-name}, needed only with several providers). */
    public static final String BEAN_NAME = "infisical";

    static final String PREFIX = "infisical.credentials.";
    static final String DEFAULT_PASSWORD_KEY = "DB_PASSWORD";

    /** Creates the bean; Quarkus (ArC) does this, applications need not. */
    public InfisicalCredentialsProvider() {
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        Config config = ConfigProvider.getConfig();
        String passwordKey = config.getOptionalValue(PREFIX + credentialsProviderName + ".password-key", String.class)
                .orElse(DEFAULT_PASSWORD_KEY);
        Optional<String> usernameKey = config.getOptionalValue(PREFIX + credentialsProviderName + ".username-key",
                String.class);
        Map<String, String> credentials = new HashMap<>();
        credentials.put(PASSWORD_PROPERTY_NAME, required(config, passwordKey, credentialsProviderName));
        usernameKey.ifPresent(k -> credentials.put(USER_PROPERTY_NAME, required(config, k, credentialsProviderName)));
        return credentials;
    }

    private static String required(Config config, String key, String provider) {
        return config.getOptionalValue(key, String.class).orElseThrow(() -> new NoSuchElementException(
                "credentials provider '" + provider + "': no value for " + key + " (is it in the Infisical folder "
                        + "the app reads, or set " + PREFIX + provider + ".password-key / .username-key?)"));
    }

    @Override
    public String toString() {
        return "InfisicalCredentialsProvider";
    }
}
