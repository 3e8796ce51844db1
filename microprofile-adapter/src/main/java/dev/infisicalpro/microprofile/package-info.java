/**
 * Infisical secrets as MicroProfile configuration.
 *
 * <p>Adding the jar is enough under SmallRye Config (Quarkus, WildFly, Open Liberty, plain
 * SmallRye): {@link dev.infisicalpro.microprofile.InfisicalConfigSourceFactory} reads the
 * {@code infisical.*} settings from the other config sources and contributes one
 * {@link dev.infisicalpro.microprofile.InfisicalConfigSource} at ordinal 270. Other MicroProfile
 * Config implementations get the source from
 * {@link dev.infisicalpro.microprofile.InfisicalConfigSourceProvider}, configured from system
 * properties and environment variables.
 *
 * <pre>{@code
 * @ConfigProperty(name = "db.password")          // the Infisical secret DB_PASSWORD
 * String dbPassword;
 * }</pre>
 */
@NullMarked
package dev.infisicalpro.microprofile;

import org.jspecify.annotations.NullMarked;
