package dev.infisicalpro.microprofile;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The start-up decisions shared by the SmallRye factory and the plain MicroProfile provider. Not API.
 *
 * <ol>
 *   <li>{@code infisical.enabled=false}: no source.</li>
 *   <li>No auth setting at all (no {@code infisical.auth.*} property and none of the Infisical
 *       environment variables that carry credentials): no source and one INFO line, so adding the jar
 *       to an app that is not configured yet breaks nothing.</li>
 *   <li>Otherwise the settings must be complete: a {@link dev.infisicalpro.ConfigurationException}
 *       naming the keys otherwise, whatever {@code infisical.fail-fast} says (retrying cannot fix
 *       configuration).</li>
 *   <li>The first load follows {@code infisical.fail-fast}: {@code true} throws the
 *       {@link dev.infisicalpro.InfisicalException} (its message carries the fix); {@code false}
 *       gives an empty source that fills when a background retry succeeds.</li>
 * </ol>
 */
final class SourceBootstrap {

    private static final System.Logger LOG = System.getLogger(InfisicalConfigSourceFactory.class.getName());

    /** Property names that choose an auth method. */
    static final List<String> AUTH_PROPERTIES = List.of(InfisicalSettings.AUTH_SERVICE_TOKEN,
            InfisicalSettings.AUTH_ACCESS_TOKEN, InfisicalSettings.AUTH_CLIENT_ID, InfisicalSettings.AUTH_CLIENT_SECRET,
            InfisicalSettings.AUTH_CREDENTIALS_DIR, InfisicalSettings.AUTH_KUBERNETES_IDENTITY_ID);

    /** Environment variables that carry credentials (design §6). */
    static final List<String> AUTH_ENVIRONMENT = List.of("INFISICAL_TOKEN", "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_MACHINE_IDENTITY_ID");

    private SourceBootstrap() {
    }

    /**
     * The source these settings ask for, or empty (disabled or not configured at all).
     *
     * @param properties  contract names ({@code infisical.env-slug}, ...)
     * @param environment the Infisical environment variable names ({@code INFISICAL_API_URL}, ...)
     * @param origin      where the settings were read, for the INFO line
     */
    static Optional<InfisicalConfigSource> create(PropertyLookup properties, PropertyLookup environment,
                                                  String origin) {
        if (properties.get(InfisicalSettings.ENABLED).map(SourceBootstrap::isFalse).orElse(false)) {
            LOG.log(Level.DEBUG, "Infisical config source disabled (" + InfisicalSettings.ENABLED + "=false)");
            return Optional.empty();
        }
        boolean anyAuth = AUTH_PROPERTIES.stream().anyMatch(k -> properties.get(k).isPresent())
                || AUTH_ENVIRONMENT.stream().anyMatch(k -> environment.get(k).isPresent());
        if (!anyAuth) {
            LOG.log(Level.INFO, notConfiguredMessage(properties, environment, origin));
            return Optional.empty();
        }

        InfisicalSettings settings = InfisicalSettings.load(properties, environment);
        if (!settings.enabled()) {
            return Optional.empty();
        }
        InfisicalClient client = settings.newClient();
        LiveSecrets live;
        try {
            live = settings.startLive(client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return Optional.of(InfisicalConfigSource.owning(live, settings.ordinal(), () -> {
            try {
                live.close();
            } finally {
                client.close();
            }
        }));
    }

    private static String notConfiguredMessage(PropertyLookup properties, PropertyLookup environment, String origin) {
        StringBuilder sb = new StringBuilder("Infisical config source not active: no Infisical auth method is configured in ")
                .append(origin).append(" (set one of ").append(String.join(", ", AUTH_PROPERTIES))
                .append(" or the environment variable ").append(String.join(" / ", AUTH_ENVIRONMENT))
                .append("; or set ").append(InfisicalSettings.ENABLED).append("=false to silence this line)");
        List<String> others = Stream.concat(
                        InfisicalSettings.ALL_KEYS.stream().filter(k -> !k.equals(InfisicalSettings.ENABLED))
                                .filter(k -> properties.get(k).isPresent()),
                        Stream.of("INFISICAL_API_URL", "INFISICAL_PROJECT_ID").filter(k -> environment.get(k).isPresent()))
                .toList();
        if (!others.isEmpty()) {
            sb.append(". Other Infisical settings are present (").append(String.join(", ", others))
                    .append("), so an auth setting is probably missing");
        }
        return sb.toString();
    }

    /** {@code "true"}/{@code "false"} only, as the rest of the contract parses booleans. */
    static boolean isFalse(String value) {
        return value.trim().toLowerCase(Locale.ROOT).equals("false");
    }
}
