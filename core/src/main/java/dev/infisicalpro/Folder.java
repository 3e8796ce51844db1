package dev.infisicalpro;

/**
 * A folder, as {@link Folders} answers it.
 *
 * <pre>{@code
 * Folder billing = client.folders().ensure(Scope.of(project, "dev", "/apps/billing"));
 * billing.path();   // /apps/billing
 * }</pre>
 *
 * @param id   server id
 * @param name folder name
 * @param path full path of the folder itself
 */
public record Folder(String id, String name, SecretPath path) {
}
