package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.Permission;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.TokenScope;
import dev.infisicalpro.testkit.internal.FakeServer.Caller;
import dev.infisicalpro.testkit.internal.Store.Env;
import dev.infisicalpro.testkit.internal.Store.Folder;
import dev.infisicalpro.testkit.internal.Store.Import;
import dev.infisicalpro.testkit.internal.Store.Project;
import dev.infisicalpro.testkit.internal.Store.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Status, universal-auth and Kubernetes login, renew, revoke, and the service-token description. Every method runs while the caller holds the store monitor; the order of checks follows the
 * server (OCT24 transcripts first, source where nothing was observed). Not API.
 */
final class AuthApi extends ApiSupport {

    AuthApi(FakeServer srv) {
        super(srv);
    }

    // ================================================================== status & auth

    JsonNode status() {
        ObjectNode o = obj();
        o.put("date", iso(store.now()));
        o.put("message", "Ok");
        o.put("emailConfigured", false);
        o.put("inviteOnlySignup", store.inviteOnlySignup);
        o.put("redisConfigured", true);
        o.put("secretScanningConfigured", false);
        return o;
    }

    JsonNode universalAuthLogin(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "clientId", "clientSecret");
        String clientId = b.get("clientId").asText().trim();
        String clientSecret = b.get("clientSecret").asText().trim();
        Store.Identity id = store.byClientId.get(clientId);
        if (id == null || !store.identities.containsKey(id.id)) {
            if (oct24) {
                throw ApiError.notFound("No identity with specified client ID was found");
            }
            throw ApiError.unauthorized("Invalid credentials");
        }
        Instant now = store.now();
        if (!oct24) {
            if (id.lockedUntil != null && now.isBefore(id.lockedUntil)) {
                throw ApiError.unauthorized("This identity auth method is temporarily locked, please try again later");
            }
            if (id.lockedUntil != null) {
                id.lockedUntil = null;
                id.failedLogins = 0;
            }
        }
        boolean ok = java.security.MessageDigest.isEqual(id.clientSecret.getBytes(StandardCharsets.UTF_8),
                clientSecret.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            if (!oct24) {
                // CURRENT: 3 failures within 30 s lock the auth method for 300 s
                if (id.firstFailure == null || now.isAfter(id.firstFailure.plusSeconds(30))) {
                    id.firstFailure = now;
                    id.failedLogins = 0;
                }
                if (++id.failedLogins >= 3) {
                    id.lockedUntil = now.plusSeconds(300);
                }
            }
            throw ApiError.unauthorized("Invalid credentials");
        }
        id.failedLogins = 0;
        id.firstFailure = null;
        if (!id.clientSecretTtl.isZero() && now.isAfter(id.clientSecretCreatedAt.plus(id.clientSecretTtl))) {
            throw ApiError.unauthorized("Access denied due to expired client secret");
        }
        if (id.clientSecretUsesLimit > 0 && id.clientSecretUses >= id.clientSecretUsesLimit) {
            throw ApiError.unauthorized("Access denied due to client secret usage limit reached");
        }
        id.clientSecretUses++;
        return issue(id);
    }

    JsonNode kubernetesLogin(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "identityId", "jwt");
        Store.Identity id = store.identities.get(b.get("identityId").asText().trim());
        if (id == null || id.kubernetesJwt == null) {
            throw ApiError.notFound("Kubernetes auth method not found for identity, did you configure Kubernetes auth?");
        }
        if (!id.kubernetesJwt.equals(b.get("jwt").asText())) {
            throw new ApiError(401, "UnauthorizedError", "Kubernetes token not authenticated");
        }
        return issue(id);
    }

    ObjectNode issue(Store.Identity identity) {
        Store.AccessToken row = store.issueAccessToken(identity);
        row.jwt = signFor(row, store.now());
        return tokenResponse(row, row.jwt);
    }

    String signFor(Store.AccessToken row, Instant iat) {
        ObjectNode payload = obj();
        payload.put("identityId", row.identity.id);
        payload.put("clientSecretId", row.identity.clientSecretId);
        payload.put("identityAccessTokenId", row.id);
        payload.put("authTokenType", "identityAccessToken");
        payload.put("iat", iat.getEpochSecond());
        if (row.maxTtlSeconds > 0) {
            // the JWT exp is fixed at creation + max TTL; the TTL window is tracked server-side
            payload.put("exp", row.createdAt.getEpochSecond() + row.maxTtlSeconds);
        }
        payload.put("jti", Store.uuid()); // CURRENT renew must yield a different string
        return srv.jwt.sign(payload);
    }

    ObjectNode tokenResponse(Store.AccessToken row, String token) {
        ObjectNode o = obj();
        o.put("accessToken", token);
        o.put("expiresIn", row.ttlSeconds);
        o.put("accessTokenMaxTTL", row.maxTtlSeconds);
        o.put("tokenType", "Bearer");
        return o;
    }

    JsonNode renew(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "accessToken");
        JsonNode payload = srv.jwt.verify(b.get("accessToken").asText(), store.clock.instant());
        if (!"identityAccessToken".equals(payload.path("authTokenType").asText())) {
            throw ApiError.badRequest("Only identity access tokens can be renewed");
        }
        Store.AccessToken row = srv.checkIdentityToken(payload);
        Instant now = store.now();
        if (row.maxTtlSeconds > 0) {
            Instant max = row.createdAt.plusSeconds(row.maxTtlSeconds);
            if (now.isAfter(max)) {
                throw ApiError.unauthorized("Failed to renew MI access token due to Max TTL expiration");
            }
            if (now.plusSeconds(row.ttlSeconds).isAfter(max)) {
                throw ApiError.unauthorized("Failed to renew MI access token past its Max TTL expiration");
            }
        }
        row.lastRenewedAt = now;
        if (!oct24) {
            row.jwt = signFor(row, now);
        }
        // OCT24 (observed): renew answers the very same token string
        return tokenResponse(row, row.jwt);
    }

    JsonNode revoke(Req r) {
        ObjectNode b = body(r);
        requireBody(b, "accessToken");
        JsonNode payload = srv.jwt.verify(b.get("accessToken").asText(), store.clock.instant());
        if (!"identityAccessToken".equals(payload.path("authTokenType").asText())) {
            throw ApiError.unauthorized("Only identity access tokens can be revoked");
        }
        Store.AccessToken row = store.accessTokens.remove(payload.path("identityAccessTokenId").asText());
        if (row == null) {
            throw ApiError.unauthorized("No identity access token found");
        }
        ObjectNode o = obj();
        o.put("message", "Successfully revoked access token");
        return o;
    }

    /**
     * {@code GET /api/v2/workspace/:slug}: the project itself (not wrapped), with its environments, as
     * the server's {@code projectWithEnv} schema. Unknown slug → 404; a machine identity of another
     * project → 403 like the other project routes.
     */
    JsonNode describeServiceToken(Caller c) {
        Store.ServiceToken t = c.st;
        ObjectNode o = obj();
        o.put("id", t.id);
        o.put("name", t.name);
        ArrayNode scopes = o.putArray("scopes");
        for (TokenScope s : t.scopes) {
            scopes.addObject().put("secretPath", s.secretPath()).put("environment", s.environment());
        }
        ArrayNode perms = o.putArray("permissions");
        t.permissions.stream().sorted().forEach(p -> perms.add(p.wireName()));
        putDate(o, "lastUsed", t.lastUsedBefore); // the row as read before this request updated it
        putDate(o, "expiresAt", t.expiresAt);
        o.put("secretHash", "$2b$10$fakeinfisicalfakeinfisicalfakeinfisicalfakeinfisic");
        o.put("encryptedKey", "ZmFrZS1lbmNyeXB0ZWQta2V5");
        o.put("iv", "ZmFrZS1pdg==");
        o.put("tag", "ZmFrZS10YWc=");
        o.put("createdAt", iso(t.createdAt));
        o.put("updatedAt", iso(t.updatedAt));
        o.put("createdBy", USER_ID);
        o.put("projectId", t.project.id);
        o.put("workspace", t.project.id);
        if (!oct24) {
            o.put("expiryNotificationSent", false);
        }
        ObjectNode user = o.putObject("user");
        user.putArray("authMethods").add("email");
        user.put("id", USER_ID);
        user.put("createdAt", iso(t.createdAt));
        user.put("updatedAt", iso(t.createdAt));
        user.putArray("devices").addObject().put("ip", "127.0.0.1").put("userAgent", "fake-infisical");
        user.put("email", "admin@example.com");
        user.put("firstName", "Admin");
        user.put("lastName", "Fake");
        user.putNull("mfaMethods");
        user.put("__v", 0);
        user.put("_id", USER_ID);
        o.put("_id", t.id);
        o.put("__v", 0);
        return o;
    }

    static final String USER_ID = "00000000-0000-4000-8000-00000000fa4e";

    static void putDate(ObjectNode o, String field, Instant i) {
        if (i == null) {
            o.putNull(field);
        } else {
            o.put(field, iso(i));
        }
    }

}
