package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.config.InfisicalSettings;
import org.springframework.boot.context.config.ConfigDataResource;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code infisical:} import, resolved: the effective settings (global {@code infisical.*} plus the
 * import's path and {@code ?key=value} overrides), or the settings error to report when it is loaded.
 * {@code toString()} shows the location, never secret material.
 *
 * <pre>{@code
 * spring.config.import=infisical:/app?env-slug=prod   # one resource: path /app, env-slug overridden
 * }</pre>
 */
public final class InfisicalConfigDataResource extends ConfigDataResource {

    private final String location;
    private final boolean optional;
    private final InfisicalSettings settings;
    private final InfisicalException settingsError;
    private final String key;

    InfisicalConfigDataResource(String location, boolean optional, InfisicalSettings settings,
                                InfisicalException settingsError, String key) {
        super(optional);
        this.optional = optional;
        this.location = Objects.requireNonNull(location, "location");
        this.settings = settings;
        this.settingsError = settingsError;
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * The import as written, without {@code optional:}, e.g. {@code infisical:/app?env-slug=prod}.
     *
     * @return the import location
     */
    public String location() {
        return location;
    }

    /**
     * The effective settings; empty when they were invalid (see {@link #settingsError()}).
     *
     * @return the settings with the import's overrides applied, or empty
     */
    public Optional<InfisicalSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /**
     * Why the settings could not be read, if they could not.
     *
     * @return the validation failure, or empty when the settings are valid (or Infisical is disabled)
     */
    public Optional<InfisicalException> settingsError() {
        return Optional.ofNullable(settingsError);
    }

    /** True when {@code infisical.enabled=false}: the import loads nothing. */
    boolean disabled() {
        return settings == null && settingsError == null;
    }

    /**
     * True for {@code optional:infisical:} imports, which never fail startup.
     *
     * @return whether the import was written with {@code optional:}
     */
    public boolean optional() {
        return optional;
    }

    /** Registry key: location plus a fingerprint of every setting that applied (no secret in clear). */
    String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfisicalConfigDataResource r && r.key.equals(key) && r.optional == optional;
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return (optional ? "optional:" : "") + location;
    }
}
