/**
 * The Infisical client: {@link dev.infisicalpro.InfisicalClient} (one per application, built with
 * {@code InfisicalClient.builder()}), secret and folder operations ({@link dev.infisicalpro.Secrets},
 * {@link dev.infisicalpro.Folders}), live self-refreshing views ({@link dev.infisicalpro.LiveSecrets}),
 * immutable value records, and one unchecked exception hierarchy rooted at
 * {@link dev.infisicalpro.InfisicalException}.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless marked {@code @Nullable}; absent
 * values are {@link java.util.Optional}. No type here ever shows a token, a client secret or a secret
 * value in {@code toString()}, a log line or an exception message.
 *
 * <pre>{@code
 * try (InfisicalClient client = InfisicalClient.builder()
 *         .credentials(Credentials.universalAuth(clientId, clientSecret)).build()) {
 *     String password = client.secrets().get(Scope.of(ProjectRef.id(projectId), "prod", "/app"), "DB_PASSWORD").value();
 * }
 * }</pre>
 */
@NullMarked
package dev.infisicalpro;

import org.jspecify.annotations.NullMarked;
