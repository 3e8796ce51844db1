package dev.infisicalpro;

import java.util.List;

/**
 * One block of a list response's {@code imports}: the secrets a folder imports from another
 * environment/folder, in the server's position order.
 *
 * <pre>{@code
 * for (ImportedSecrets block : client.secrets().list(scope, ListOptions.defaults()).imports()) {
 *     log.info(block.environment() + ":" + block.path() + " gives " + block.secrets().size() + " secret(s)");
 * }
 * }</pre>
 *
 * @param environment source environment of the import
 * @param path        source folder of the import
 * @param secrets     the imported secrets ({@link Secret#source()} says imported)
 */
public record ImportedSecrets(String environment, SecretPath path, List<Secret> secrets) {
    /**
     * Copies.
     *
     * @param environment source environment of the import
     * @param path source folder of the import
     * @param secrets the imported secrets, copied into an unmodifiable list
     */
    public ImportedSecrets {
        secrets = List.copyOf(secrets);
    }
}
