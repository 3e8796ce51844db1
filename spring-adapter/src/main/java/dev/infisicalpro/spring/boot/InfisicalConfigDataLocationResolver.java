package dev.infisicalpro.spring.boot;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.config.InfisicalSettings;
import dev.infisicalpro.config.PropertyLookup;
import dev.infisicalpro.internal.SharedLiveViews;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.config.Profiles;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;

import java.net.URLDecoder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.nio.charset.StandardCharsets;

/**
 * Claims {@code spring.config.import} locations starting with {@code infisical:}.
 *
 * <ul>
 *   <li>{@code infisical:} uses the {@code infisical.*} settings ({@code InfisicalSettings});</li>
 *   <li>{@code infisical:/app} overrides {@code infisical.secrets-path}; {@code infisical:/shared;/app}
 *       merges several folders in order (later wins);</li>
 *   <li>{@code infisical:/app?env-slug=prod&recursive=true} overrides settings for this import only
 *       (any contract key without the {@code infisical.} prefix, except {@code auth.*});</li>
 *   <li>{@code optional:infisical:} never fails startup.</li>
 * </ul>
 *
 * <pre>{@code
 * spring.config.import=infisical:/app
 * infisical.host-api=https://infisical.example.com
 * infisical.auth.service-token=${INFISICAL_TOKEN}
 * }</pre>
 *
 * <p>Settings come from the {@code Binder} once profiles are active (so {@code application.properties},
 * profile files, and
 * relaxed environment variables such as {@code INFISICAL_ENV_SLUG} all work), then from the Infisical
 * variables {@code INFISICAL_API_URL}, {@code INFISICAL_TOKEN}, ... Never touches Boot's
 * {@code BootstrapContext}, so the same jar runs on Boot 3.5 and 4.0.
 */
public class InfisicalConfigDataLocationResolver implements ConfigDataLocationResolver<InfisicalConfigDataResource> {

    /** The location prefix. */
    public static final String PREFIX = "infisical:";

    private final StartupLog log;

    // for direct use (tests); messages go to System.Logger. Not public: Spring's factories loader picks the
    // single public constructor, and with two it would fall back to this one and never pass the deferred log
    InfisicalConfigDataLocationResolver() {
        this(null);
    }

    /**
     * Called by Boot, which passes its deferred log factory: during config data loading the logging
     * system is not initialised yet, and messages logged directly are lost.
     *
     * @param logs Boot's deferred logs (may be null)
     */
    public InfisicalConfigDataLocationResolver(DeferredLogFactory logs) {
        this.log = StartupLog.of(logs, InfisicalConfigDataLocationResolver.class);
    }

    @Override
    public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return location.hasPrefix(PREFIX);
    }

    /** Nothing before profiles are known: the import is resolved in {@link #resolveProfileSpecific}. */
    @Override
    public List<InfisicalConfigDataResource> resolve(ConfigDataLocationResolverContext context,
                                                     ConfigDataLocation location) {
        return List.of();
    }

    /**
     * Resolves once the active profiles are known (as Spring Cloud Config does), so settings from
     * profile files such as {@code application-prod.properties} apply to imports declared in
     * {@code application.properties}.
     */
    @Override
    public List<InfisicalConfigDataResource> resolveProfileSpecific(ConfigDataLocationResolverContext context,
                                                                    ConfigDataLocation location, Profiles profiles) {
        PropertyLookup properties = memoised(binderLookup(context.getBinder()));
        return resolve(location.getValue(), location.isOptional(), properties, PropertyLookup.environmentVariables());
    }

    List<InfisicalConfigDataResource> resolve(String value, boolean optional, PropertyLookup properties,
                                              PropertyLookup environment) {
        String spec = value.substring(PREFIX.length());
        String shown = InfisicalLocations.redact(value);
        String enabled;
        try {
            enabled = properties.get(InfisicalSettings.ENABLED).orElse("true");
        } catch (InfisicalException e) {
            enabled = "true";   // reported with the other settings below
        }
        if (enabled.equalsIgnoreCase("false")) {
            log.info("infisical.enabled=false: skipping import '" + shown + "'");
            return List.of(new InfisicalConfigDataResource(shown, optional, null, null, shown + "#disabled#" + SharedLiveViews.keyedDigest(value)));
        }
        InfisicalSettings settings = null;
        InfisicalException error = null;
        String key;
        try {
            Map<String, String> overrides = overrides(value, spec);
            if (!overrides.containsKey(InfisicalSettings.SECRETS_PATH)) {
                // infisical.secrets-path=${INFISICAL_TOKEN} would reach core's folder-name error the same way
                Optional<String> global = properties.get(InfisicalSettings.SECRETS_PATH);
                if (global.isPresent()) {
                    refuseCredentialLike(global.get(), InfisicalSettings.SECRETS_PATH);
                }
            }
            // the overrides count as configuration: loaded (and validated) with them in place, so
            // infisical:/app?env-slug=dev needs no global env-slug; withOverrides then labels their origin
            // and lets a blank override (?env-slug=) clear the global value
            PropertyLookup withImport = name -> overrides.containsKey(name)
                    ? Optional.ofNullable(overrides.get(name)).filter(v -> !v.isBlank()) : properties.get(name);
            settings = InfisicalSettings.load(withImport, environment).withOverrides(overrides);
            key = key(shown, overrides, properties, environment);
        } catch (InfisicalException e) {
            settings = null;
            error = e;
            key = shown + "#invalid#" + SharedLiveViews.keyedDigest(value);
        }
        return List.of(new InfisicalConfigDataResource(shown, optional, settings, error, key));
    }

    /** {@code /a;/b?env-slug=prod} to contract overrides. */
    static Map<String, String> overrides(String location, String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        String path = spec;
        String query = "";
        int q = spec.indexOf('?');
        if (q >= 0) {
            path = spec.substring(0, q);
            query = spec.substring(q + 1);
        }
        path = path.trim();
        refuseCredentialLike(path, location);
        if (!path.isEmpty()) {
            out.put(InfisicalSettings.SECRETS_PATH, String.join(",", path.split(";")));
        }
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String val = eq < 0 ? "true" : decode(pair.substring(eq + 1));
                String full = "infisical." + name;
                if (!InfisicalLocations.accepted(name)) {
                    // neither the value nor a token-like name is repeated: a credential may have been pasted here
                    throw new ValidationException("unknown or unsupported parameter '" + InfisicalLocations.safeName(name, eq >= 0)
                            + "' in '" + InfisicalLocations.redact(location) + "'",
                            "use one of env-slug, secrets-path, project-id, project-slug, recursive, include-imports, "
                                    + "expand-secret-references, resync-interval, max-staleness, fail-fast, host-api, read-timeout, call-timeout; "
                                    + "credentials go in infisical.auth.* properties, never in the import URL");
                }
                if (full.equals(InfisicalSettings.SECRETS_PATH)) {
                    refuseCredentialLike(val, location);
                }
                out.put(full, val);
            }
        }
        return out;
    }

    // before core sees the path: its folder-name errors quote the segment, which may be a pasted token
    private static void refuseCredentialLike(String path, String where) {
        for (String segment : path.split("[/;,]")) {
            if (InfisicalLocations.credentialLike(segment)) {
                String shown = where.equals(InfisicalSettings.SECRETS_PATH) ? where : InfisicalLocations.redact(where);
                throw new ValidationException("the folder path of '" + shown + "' has a segment that looks like a credential (a token, JWT or client secret), not a folder name",
                        "write folders as infisical:/app or infisical:/shared;/app (folder names have no dots); "
                                + "credentials go in infisical.auth.* properties, never in the import URL");
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * Each name bound once per resolution: the enabled check, loading the settings and fingerprinting them read
     * the same 20 names, and a {@code Binder} lookup walks every property source (B9, benchmarks/RESULTS.md). A lookup
     * that throws is not remembered, so it throws again.
     */
    static PropertyLookup memoised(PropertyLookup lookup) {
        Map<String, Optional<String>> seen = new HashMap<>();
        return name -> {
            Optional<String> v = seen.get(name);
            if (v == null) {
                v = lookup.get(name);
                seen.put(name, v);
            }
            return v;
        };
    }

    static PropertyLookup binderLookup(Binder binder) {
        return name -> {
            Optional<String> v = Optional.ofNullable(binder.bind(name, Bindable.of(String.class)).orElse(null))
                    .map(String::trim).filter(s -> !s.isEmpty());
            v.ifPresent(value -> {
                int start = value.indexOf("${");
                if (start >= 0 && value.indexOf('}', start) > start) {
                    // an unresolved placeholder is configuration text and safe to name, except in a credential
                    // property, whose text around or inside the braces may be part of a secret
                    String placeholder = value.substring(start, value.indexOf('}', start) + 1);
                    if (name.startsWith("infisical.auth.") && !value.matches("\\$\\{[A-Za-z0-9_.\\-]+}")) {
                        placeholder = "a placeholder";   // only a bare ${VARIABLE_NAME} is named
                    }
                    throw new ValidationException(name + " refers to " + placeholder + ", which is not set",
                            "set the environment variable or property named in the placeholder, or give a default"
                                    + " such as ${INFISICAL_TOKEN:}");
                }
            });
            return v;
        };
    }

    // identifies an import with the settings that applied; secret-bearing values enter only through core's
    // keyed fingerprint (HMAC with a per-JVM random key), never as a plain digest
    private static String key(String location, Map<String, String> overrides, PropertyLookup properties,
                              PropertyLookup environment) {
        return location + "#" + SharedLiveViews.fingerprint(properties, environment, overrides);
    }
}
