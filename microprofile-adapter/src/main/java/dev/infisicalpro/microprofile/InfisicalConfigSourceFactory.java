package dev.infisicalpro.microprofile;

import dev.infisicalpro.config.PropertyLookup;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The SmallRye Config entry point (Quarkus, plain SmallRye Config): registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}, so adding the jar is enough. It
 * reads the {@code infisical.*} settings (see {@code InfisicalSettings}) from the sources initialised before it
 * ({@code application.properties}, environment variables, system properties) through
 * {@link ConfigSourceContext#getValue(String)}, and contributes one {@link InfisicalConfigSource}.
 *
 * <pre>{@code
 * # application.properties
 * infisical.host-api=https://infisical.example.com
 * infisical.env-slug=prod
 * infisical.secrets-path=/app
 * # credentials from the environment: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID / _SECRET, or INFISICAL_TOKEN
 * }</pre>
 *
 * <p>Behaviour: {@code infisical.enabled=false} contributes nothing; no auth setting at all
 * contributes nothing and logs one INFO line; incomplete settings fail the config build with a
 * {@link dev.infisicalpro.ValidationException} naming the keys; a failed first load fails the
 * build when {@code infisical.fail-fast=true} (default), or gives an empty source that fills later
 * when it is {@code false}. Environment variables such as {@code INFISICAL_API_URL} are read through
 * the config's environment source, like every other setting.
 */
public final class InfisicalConfigSourceFactory implements ConfigSourceFactory {

    /** Used by {@link java.util.ServiceLoader}. */
    public InfisicalConfigSourceFactory() {
    }

    /**
     * The Infisical source of the {@code infisical.*} settings found in the sources initialised before
     * this factory runs.
     *
     * @param context SmallRye's view of those earlier sources
     * @return one source, or none when Infisical is disabled, no auth method is configured, or Quarkus is
     *     building the application
     * @throws dev.infisicalpro.InfisicalException when the settings are invalid or, with fail-fast, the first
     *     load fails
     */
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        PropertyLookup lookup = name -> Optional.ofNullable(context.getValue(name))
                .map(ConfigValue::getValue)
                .filter(v -> !v.isBlank());
        return SourceBootstrap.create(lookup, lookup, "the MicroProfile config")
                .<List<ConfigSource>>map(List::of)
                .orElse(List.of());
    }

    /**
     * The default ordinal: factories only order among themselves (a factory never sees another
     * factory's sources), so this keeps them in the order their sources take.
     */
    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(InfisicalConfigSource.DEFAULT_ORDINAL);
    }
}
