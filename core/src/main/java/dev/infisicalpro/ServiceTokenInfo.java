package dev.infisicalpro;

import java.util.List;
import java.util.Set;

/**
 * What {@code GET /api/v2/service-token} says about the client's service token (never its secret).
 *
 * <pre>{@code
 * client.serviceTokenInfo().ifPresent(info -> log.info("token scopes: " + info.scopes()));
 * }</pre>
 *
 * @param tokenId     token id
 * @param name        token name
 * @param projectId   project the token belongs to
 * @param scopes      environment/path scopes
 * @param permissions {@code read} and/or {@code write}
 */
public record ServiceTokenInfo(String tokenId, String name, String projectId, List<TokenScope> scopes,
                               Set<String> permissions) {
    /**
     * Copies.
     *
     * @param tokenId token id
     * @param name token name
     * @param projectId project the token belongs to
     * @param scopes environment/path scopes, copied
     * @param permissions {@code read} and/or {@code write}, copied
     */
    public ServiceTokenInfo {
        scopes = List.copyOf(scopes);
        permissions = Set.copyOf(permissions);
    }

    /**
     * True when the server will answer every read with this one scope's folder (the scope trap).
     *
     * @return whether the token has exactly one scope and its path is not a glob
     */
    public boolean isFixedLocation() {
        return scopes.size() == 1 && !scopes.get(0).isGlob();
    }
}
