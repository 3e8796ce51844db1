package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infisicalpro.testkit.internal.FakeServer.Auth;
import dev.infisicalpro.testkit.internal.FakeServer.Caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Who is calling: the bearer token of a request resolved to a service token, a machine identity or
 * (webhook routes only) a person, with the server's errors and their order (missing header, expired
 * or unknown service token, JWT problems, revoked or TTL-expired identity tokens, use limits), and
 * the route's rule on who may call it. Runs under the store lock. Not API.
 */
final class Authenticator {

    private final Store store;

    Authenticator(Store store) {
        this.store = store;
    }

    Caller authenticate(Req req, Auth auth) {
        String header = req.header("authorization");
        if (header == null) {
            throw ApiError.unauthorized("Token missing");
        }
        // the server slices the header from character 7 without looking at the scheme word
        String token = header.length() > 7 ? header.substring(7) : "";
        if (token.startsWith("st.")) {
            Store.ServiceToken st = serviceToken(token);
            if (auth == Auth.IDENTITY_ONLY || auth == Auth.USER_ONLY) {
                throw ApiError.forbiddenNamed("Forbidden access to " + req.rawTarget);
            }
            return new Caller(st, null);
        }
        JsonNode payload = store.jwt.verify(token, store.clock.instant());
        if (payload.path("authTokenType").asText("").equals("accessToken")) {
            Store.User user = store.users.get(payload.path("userId").asText(""));
            if (user == null) {
                throw ApiError.unauthorized("User not found");
            }
            if (auth != Auth.USER_ONLY) {
                // a deliberate limit of the fake: people exist only to manage webhooks
                throw ApiError.forbiddenNamed("Forbidden access to " + req.rawTarget);
            }
            return new Caller(null, null, user);
        }
        Store.AccessToken row = checkIdentityToken(payload);
        if (auth == Auth.SERVICE_TOKEN_ONLY || auth == Auth.USER_ONLY) {
            throw ApiError.forbiddenNamed("Forbidden access to " + req.rawTarget);
        }
        return new Caller(null, row.identity);
    }

    private Store.ServiceToken serviceToken(String token) {
        String[] parts = token.split("\\.", -1);
        String id = parts.length > 1 ? parts[1] : "";
        String secret = parts.length > 2 ? parts[2] : "";
        Store.ServiceToken t = store.serviceTokens.get(id);
        if (t == null) {
            throw ApiError.notFound("Service token with ID '" + id + "' not found");
        }
        Instant now = store.now();
        if (t.expiresAt != null && !now.isBefore(t.expiresAt)) {
            store.serviceTokens.remove(id); // the server deletes an expired token on first use
            throw new ApiError(403, "ForbiddenError", "Service token has expired");
        }
        if (!MessageDigest.isEqual(t.secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw ApiError.unauthorized("Invalid service token");
        }
        t.lastUsedBefore = t.lastUsed;
        t.lastUsed = now;
        return t;
    }

    /** Checks the identity-token row: revoked and TTL-expired tokens (the latter are deleted, as the server does). */
    Store.AccessToken checkIdentityToken(JsonNode payload) {
        String type = payload.path("authTokenType").asText("");
        if (!type.equals("identityAccessToken")) {
            throw ApiError.tokenError("invalid token");
        }
        Store.AccessToken row = store.accessTokens.get(payload.path("identityAccessTokenId").asText(""));
        if (row == null || !store.identities.containsKey(row.identity.id)) {
            throw ApiError.unauthorized("No identity access token found");
        }
        Instant now = store.now();
        if (row.ttlSeconds > 0) {
            Instant base = row.lastRenewedAt != null ? row.lastRenewedAt : row.createdAt;
            if (now.isAfter(base.plusSeconds(row.ttlSeconds))) {
                store.accessTokens.remove(row.id);
                throw ApiError.unauthorized("Failed to renew MI access token due to TTL expiration");
            }
        }
        if (row.usesLimit > 0 && row.uses >= row.usesLimit) {
            throw ApiError.unauthorized("Unable to renew because access token number of uses limit reached");
        }
        row.uses++;
        return row;
    }
}
