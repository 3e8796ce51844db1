package dev.infisicalpro;

/**
 * A folder.
 *
 * @param id   server id
 * @param name folder name
 * @param path full path of the folder itself
 */
public record Folder(String id, String name, SecretPath path) {
}
