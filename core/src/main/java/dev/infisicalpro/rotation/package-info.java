/**
 * Database password rotation in the order that never strands a running application, and connection
 * pools that take a rotated password without a restart.
 *
 * <p>{@link dev.infisicalpro.rotation.PostgresRotation} changes the password in PostgreSQL first
 * (hashed client-side with SCRAM-SHA-256, so the plaintext never reaches the server or its log),
 * proves a login with it, and only then writes it to Infisical. Writing Infisical first makes every
 * application that reloads in between connect with a password the database does not know yet.
 * {@link dev.infisicalpro.rotation.LiveCredentialsDataSource} hands a pool the current password from a
 * {@link dev.infisicalpro.LiveSecrets} view whenever it opens a connection.
 *
 * <p>The PostgreSQL JDBC driver (42.7 or newer) is an optional dependency: add
 * {@code org.postgresql:postgresql} to use {@code PostgresRotation}.
 *
 * <pre>{@code
 * RotationResult r = PostgresRotation.builder(client, scope, "DB_PASSWORD")
 *         .jdbcUrl("jdbc:postgresql://db:5432/app")
 *         .role("app")
 *         .build()
 *         .rotate();
 * }</pre>
 */
@NullMarked
package dev.infisicalpro.rotation;

import org.jspecify.annotations.NullMarked;
