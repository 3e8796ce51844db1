package dev.infisicalpro;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a list: the folder's own secrets, the imported blocks, and the server's ETag.
 *
 * <p>{@link #effective()} applies Infisical's precedence for imports: a key's effective value is
 * the folder's own, else the <em>last</em> import that has it, ..., else the first.
 *
 * <pre>{@code
 * SecretListing listing = client.secrets().list(scope, ListOptions.defaults());
 * Map<String, Secret> byKey = listing.effective();
 * }</pre>
 *
 * @param secrets the folder's own secrets (and sub-folders' when recursive)
 * @param imports imported blocks in position order
 * @param etag    the response's ETag verbatim, {@code ""} when the server sent none
 */
public record SecretListing(List<Secret> secrets, List<ImportedSecrets> imports, String etag) {

    /**
     * Copies.
     *
     * @param secrets the folder's own secrets, copied
     * @param imports imported blocks in position order, copied
     * @param etag the response's ETag, {@code null} read as {@code ""}
     */
    public SecretListing {
        secrets = List.copyOf(secrets);
        imports = List.copyOf(imports);
        etag = etag == null ? "" : etag;
    }

    /**
     * Key to effective secret, in a stable order (imports first-to-last, then own secrets).
     *
     * @return each key once, with the value Infisical's precedence picks; unmodifiable
     */
    public Map<String, Secret> effective() {
        Map<String, Secret> out = new LinkedHashMap<>();
        for (ImportedSecrets block : imports) {
            for (Secret s : block.secrets()) {
                out.put(s.key(), s); // later imports win over earlier ones
            }
        }
        for (Secret s : secrets) {
            out.put(s.key(), s); // own secrets win over every import
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "SecretListing[secrets=" + secrets.size() + ", imports=" + imports.size() + ", etag=" + etag + "]";
    }
}
