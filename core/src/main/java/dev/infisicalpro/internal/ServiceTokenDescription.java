package dev.infisicalpro.internal;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.NotFoundException;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.TokenScope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whether the credentials are a service token and, if so, what {@code GET /api/v2/service-token} says
 * about it (project, scopes, permissions), fetched once through the authenticated transport. The
 * project lookup and the scope checks before sending use it. Not API.
 */
final class ServiceTokenDescription {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro");

    /** The service token, or null for other credentials. */
    private final Credentials.ServiceToken token;
    private final Transport transport;
    private final Warnings warnings;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ServiceTokenInfo info;
    private volatile boolean describeFailed;

    /** @param serviceToken whether {@code credentials} are a service token (asked so, no other credential type loads) */
    ServiceTokenDescription(Credentials credentials, boolean serviceToken, Transport transport, Warnings warnings) {
        this.token = serviceToken ? (Credentials.ServiceToken) credentials : null;
        this.transport = transport;
        this.warnings = warnings;
    }

    boolean isServiceToken() {
        return token != null;
    }

    /**
     * What the server says about the token; fetched once. Only a server without the route (404 "Route …
     * not found", or a proxy's bare 404) is remembered: the info stays empty, which is logged once, and
     * the response checks still catch the scope trap. Every other failure (auth, 5xx, timeouts) is
     * thrown and not remembered, so the next call asks again.
     */
    Optional<ServiceTokenInfo> serviceTokenInfo() {
        if (token == null) {
            return Optional.empty();
        }
        ServiceTokenInfo known = info;
        if (known != null || describeFailed) {
            return Optional.ofNullable(known);
        }
        lock.lock();
        try {
            if (info != null || describeFailed) {
                return Optional.ofNullable(info);
            }
            Transport.Call call = Transport.Call.get(ApiPaths.SERVICE_TOKEN_DESCRIBE, List.of());
            Map<String, Object> answer;
            try {
                answer = transport.object(call, transport.execute(call));
            } catch (NotFoundException e) {
                if (!ErrorMapper.isRouteNotFound(e)) {
                    throw e;
                }
                // Only a server without the route is remembered: a transient failure (502/503, timeout)
                // must not switch off the project lookup and the scope check for the client's lifetime.
                describeFailed = true;
                warnings.warn(LOG, () -> "this server has no " + ApiPaths.SERVICE_TOKEN_DESCRIBE
                        + " route; scope checks before sending are off, answers are still checked");
                return Optional.empty();
            }
            String projectId = Json.string(answer, "workspace")
                    .or(() -> Json.string(answer, "projectId")).orElse("");
            List<TokenScope> scopes = new ArrayList<>();
            for (Map<String, Object> s : Json.objects(answer, "scopes")) {
                scopes.add(new TokenScope(Json.string(s, "environment").orElse(""),
                        Json.string(s, "secretPath").orElse("/")));
            }
            info = new ServiceTokenInfo(token.tokenId(), Json.string(answer, "name").orElse(""), projectId,
                    scopes, new LinkedHashSet<>(Json.strings(answer, "permissions")));
            return Optional.of(info);
        } finally {
            lock.unlock();
        }
    }
}
