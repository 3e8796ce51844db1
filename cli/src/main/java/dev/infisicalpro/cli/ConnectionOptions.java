package dev.infisicalpro.cli;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.RetryPolicy;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings every command that talks to Infisical shares (a picocli mixin): flags mirroring the
 * configuration contract ({@code infisical.*}, see {@link InfisicalSettings}), a {@code --config}
 * properties file with the contract's names, the same environment variables as the library, a
 * credentials folder, and systemd's {@code $CREDENTIALS_DIRECTORY}. Names come from {@link InfisicalSettings}; nothing is listed twice.
 *
 * <pre>{@code
 * @Command(name = "example")
 * final class ExampleCommand implements Callable<Integer> {
 *     @Mixin ConnectionOptions connection;
 *
 *     public Integer call() {
 *         InfisicalSettings settings = connection.settings();
 *         try (InfisicalClient client = connection.newClient(settings)) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Precedence, highest first: flags, the {@code --config} file, environment variables,
 * {@code $CREDENTIALS_DIRECTORY}. Credentials are taken from the highest layer that names any: a
 * {@code --token} flag is not "a second auth method" next to {@code INFISICAL_TOKEN} in the
 * environment, it replaces it. A {@code --config} file or {@code --credentials-dir} file holding
 * credentials that group or others may read is refused, as ssh refuses such a key.
 */
public final class ConnectionOptions {

    /** systemd's credentials folder ({@code LoadCredential=infisicalToken:/etc/...}). */
    public static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";

    @Option(names = {"--host-api", "--domain"}, paramLabel = "URL", order = 100,
            description = "API root, /api optional (infisical.host-api, INFISICAL_API_URL; default Infisical Cloud)")
    String hostApi;

    @Option(names = "--token", paramLabel = "TOKEN", order = 101,
            description = "service token (st.…) or access token. Other users can see flags in ps: prefer "
                    + "--config, --credentials-dir or systemd's LoadCredential=infisicalToken:…")
    String token;

    @Option(names = {"--project-id", "--projectId"}, paramLabel = "ID", order = 102,
            description = "project id (infisical.project-id, INFISICAL_PROJECT_ID; default: the service token's)")
    String projectId;

    @Option(names = "--project-slug", paramLabel = "SLUG", order = 103, description = "project slug instead of the id")
    String projectSlug;

    @Option(names = "--env", paramLabel = "SLUG", order = 104,
            description = "environment slug (infisical.env-slug; a service token with one scope supplies it)")
    String env;

    @Option(names = "--path", paramLabel = "PATH", order = 105,
            description = "folder; a comma-separated list merges several, later wins (infisical.secrets-path, default /)")
    String path;

    @Option(names = "--recursive", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", order = 106,
            description = "include sub-folders (infisical.recursive, default false)")
    Boolean recursive;

    @Option(names = "--include-imports", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", order = 107,
            description = "include imported secrets (infisical.include-imports, default true)")
    Boolean includeImports;

    @Option(names = "--expand", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL", order = 108,
            description = "expand ${…} references (infisical.expand-secret-references, default true)")
    Boolean expand;

    @Option(names = "--credentials-dir", paramLabel = "DIR", order = 109,
            description = "folder with files clientId + clientSecret, or infisicalToken (the operator's key names)")
    Path credentialsDir;

    @Option(names = "--config", paramLabel = "FILE", order = 110,
            description = "properties file with the library's names (infisical.host-api=…, infisical.env-slug=…, "
                    + "infisical.auth.service-token=…); must not be readable by group or others when it holds credentials")
    Path config;

    /** The settings, from flags, {@code --config}, the process environment and {@code $CREDENTIALS_DIRECTORY}. */
    public InfisicalSettings settings() {
        return settings(System.getenv());
    }

    /** The settings over a given environment (tests). */
    public InfisicalSettings settings(Map<String, String> environment) {
        Map<String, String> flags = flags();
        PropertyLookup flagLookup = PropertyLookup.of(flags);
        PropertyLookup fileLookup = PropertyLookup.of(configFile());
        PropertyLookup envLookup = PropertyLookup.of(environment);
        PropertyLookup none = PropertyLookup.of(Map.of());

        PropertyLookup properties;
        PropertyLookup env;
        if (InfisicalSettings.authConfigured(flagLookup, none)) {
            properties = flagLookup.orElse(withoutAuth(fileLookup, true));
            env = withoutAuth(envLookup, false);
        } else if (InfisicalSettings.authConfigured(fileLookup, none)) {
            properties = flagLookup.orElse(fileLookup);
            env = withoutAuth(envLookup, false);
        } else if (InfisicalSettings.authConfigured(none, envLookup)) {
            properties = flagLookup.orElse(fileLookup);
            env = envLookup;
        } else {
            // systemd's credentials folder, last: it is there whenever the unit has any credential
            String systemd = environment.get(CREDENTIALS_DIRECTORY);
            Map<String, String> withDir = new LinkedHashMap<>(flags);
            if (systemd != null && !systemd.isBlank()) {
                withDir.put(InfisicalSettings.AUTH_CREDENTIALS_DIR, systemd);
            }
            properties = PropertyLookup.of(withDir).orElse(fileLookup);
            env = envLookup;
        }
        return InfisicalSettings.load(properties, env);
    }

    /**
     * A client for the settings: warnings printed on stderr, the library's default timeouts and retries.
     */
    public InfisicalClient newClient(InfisicalSettings settings) {
        return InfisicalClient.builder().host(settings.hostApi()).credentials(settings.credentials())
                .userAgent("infisical-pro-cli").warnings(Cli::warn).build();
    }

    /**
     * A client whose every request, retries included, fits in {@code budget} (connect and read timeouts
     * at most the budget, short backoff, no long {@code Retry-After} waits).
     */
    public InfisicalClient newClient(InfisicalSettings settings, Duration budget) {
        Duration perRequest = budget.compareTo(Duration.ofSeconds(10)) < 0 ? budget : Duration.ofSeconds(10);
        return InfisicalClient.builder().host(settings.hostApi()).credentials(settings.credentials())
                .userAgent("infisical-pro-cli").warnings(Cli::warn)
                .connectTimeout(perRequest).readTimeout(perRequest)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1)))
                .build();
    }

    /** The flags given, under the contract's property names. */
    private Map<String, String> flags() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, InfisicalSettings.HOST_API, hostApi);
        if (token != null && !token.isBlank()) {
            String t = token.trim();
            m.put(t.startsWith("st.") ? InfisicalSettings.AUTH_SERVICE_TOKEN : InfisicalSettings.AUTH_ACCESS_TOKEN, t);
        }
        put(m, InfisicalSettings.PROJECT_ID, projectId);
        put(m, InfisicalSettings.PROJECT_SLUG, projectSlug);
        put(m, InfisicalSettings.ENV_SLUG, env);
        put(m, InfisicalSettings.SECRETS_PATH, path);
        put(m, InfisicalSettings.RECURSIVE, recursive);
        put(m, InfisicalSettings.INCLUDE_IMPORTS, includeImports);
        put(m, InfisicalSettings.EXPAND_SECRET_REFERENCES, expand);
        if (credentialsDir != null) {
            FilePermissions.requirePrivateFiles(credentialsDir, "--credentials-dir");
            m.put(InfisicalSettings.AUTH_CREDENTIALS_DIR, credentialsDir.toString());
        }
        return m;
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            m.put(key, value.toString());
        }
    }

    /** The {@code --config} file: contract names only (a typo is an error, not a silently ignored line). */
    private Map<String, String> configFile() {
        if (config == null) {
            return Map.of();
        }
        if (!Files.isRegularFile(config)) {
            throw new CliException(ExitCodes.USAGE, "--config " + config + " is not a readable file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--config " + config + " cannot be read as a properties file ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (!InfisicalSettings.ALL_KEYS.contains(name)) {
                throw new CliException(ExitCodes.USAGE, "--config " + config + ": unknown setting '" + name
                        + "' (use the library's names, e.g. " + InfisicalSettings.HOST_API + ", "
                        + InfisicalSettings.ENV_SLUG + ", " + InfisicalSettings.AUTH_SERVICE_TOKEN + ")");
            }
            m.put(name, p.getProperty(name));
        }
        if (InfisicalSettings.authConfigured(PropertyLookup.of(m), PropertyLookup.of(Map.of()))) {
            FilePermissions.requirePrivate(config, "--config");
        }
        return m;
    }

    /**
     * {@code lookup} with every name hidden that, alone, would name an auth method: asked of
     * {@link InfisicalSettings#authConfigured} itself, so the auth names stay listed only there.
     */
    private static PropertyLookup withoutAuth(PropertyLookup lookup, boolean properties) {
        PropertyLookup none = PropertyLookup.of(Map.of());
        return name -> {
            PropertyLookup only = n -> n.equals(name) ? Optional.of("x") : Optional.empty();
            boolean auth = properties ? InfisicalSettings.authConfigured(only, none)
                    : InfisicalSettings.authConfigured(none, only);
            return auth ? Optional.empty() : lookup.get(name);
        };
    }
}
