/**
 * Framework-neutral settings shared by the adapters: {@link dev.infisicalpro.config.InfisicalSettings}
 * reads the {@code infisical.*} contract (property names and environment variables defined once, here)
 * through a {@link dev.infisicalpro.config.PropertyLookup}.
 *
 * <pre>{@code
 * InfisicalSettings settings = InfisicalSettings.fromSystem();
 * try (InfisicalClient client = settings.newClient(); LiveSecrets live = settings.startLive(client)) {
 *     live.get("DB_PASSWORD");
 * }
 * }</pre>
 */
@NullMarked
package dev.infisicalpro.config;

import org.jspecify.annotations.NullMarked;
