package dev.infisicalpro;

import java.util.List;

/**
 * One block of a list response's {@code imports}: the secrets a folder imports from another
 * environment/folder, in the server's position order.
 *
 * @param environment source environment of the import
 * @param path        source folder of the import
 * @param secrets     the imported secrets ({@link Secret#source()} says imported)
 */
public record ImportedSecrets(String environment, SecretPath path, List<Secret> secrets) {
    /** Copies. */
    public ImportedSecrets {
        secrets = List.copyOf(secrets);
    }
}
