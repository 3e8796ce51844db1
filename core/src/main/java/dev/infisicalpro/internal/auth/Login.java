package dev.infisicalpro.internal.auth;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.internal.ApiPaths;
import dev.infisicalpro.internal.Json;
import dev.infisicalpro.internal.Transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one credential mechanism gets a bearer token: one class per mechanism (universal auth,
 * Kubernetes, service token, static access token), each building its own requests. When to call it
 * (lazily, single-flight, renew margins, the cooldown after a refusal) is
 * {@link dev.infisicalpro.internal.TokenManager}'s business, as Spring Vault splits
 * {@code ClientAuthentication} from {@code SessionManager}. Not API.
 *
 * <pre>{@code
 * Login login = Login.of(credentials, loginTransport);   // loginTransport sends no bearer
 * TokenManager tokens = new TokenManager(login, clock);
 * }</pre>
 */
public interface Login {

    /** Where the login classes log (debug only: a login, a renewal). */
    System.Logger LOG = System.getLogger("dev.infisicalpro");

    /**
     * The login of {@code credentials}. Only the chosen mechanism's class is loaded.
     *
     * @param transport sends the login and renew requests; it must add no bearer of its own
     */
    static Login of(Credentials credentials, Transport transport) {
        if (credentials instanceof Credentials.UniversalAuth ua) {
            return new UniversalAuthLogin(ua, transport);
        }
        if (credentials instanceof Credentials.Kubernetes k) {
            return new KubernetesLogin(k, transport);
        }
        if (credentials instanceof Credentials.ServiceToken st) {
            return new ServiceTokenLogin(st);
        }
        if (credentials instanceof Credentials.AccessToken at) {
            return new StaticTokenLogin(at);
        }
        throw new IllegalArgumentException("no login for " + credentials.getClass().getSimpleName());
    }

    /** A token sent as is, never renewed or replaced (service token, access token); null when this mechanism logs in. */
    default String fixedToken() {
        return null;
    }

    /** Logs in: one request. Throws the mapped failure. Called only when {@link #fixedToken()} is null. */
    default Grant login() {
        throw new IllegalStateException("no login for " + this);
    }

    /**
     * Renews {@code token}: one request. Throws the mapped failure.
     *
     * @param fallbackExpiresIn the lifetime to assume when the answer states none, in seconds
     */
    default Grant renew(String token, long fallbackExpiresIn) {
        throw new IllegalStateException("no renewal for " + this);
    }

    /** Secret strings of the credentials (tokens, client secret, their parts) to scrub from server texts. */
    List<String> secrets();

    /** True for service tokens (hints differ, and scope checks apply). */
    default boolean isServiceToken() {
        return false;
    }

    /**
     * A machine-identity login (universal auth, Kubernetes): POST {@code body} to {@code path}, read the
     * access token and its lifetimes. Shared by those two mechanisms' classes (a static method rather than
     * a base class: one class fewer to load before the first request).
     */
    static Grant identityLogin(Transport transport, String path, Map<String, Object> body) {
        Transport.Call call = Transport.Call.write("POST", path, body).unauthenticated();
        Map<String, Object> answer = transport.object(call, transport.execute(call));
        String token = Json.string(answer, ApiPaths.ACCESS_TOKEN).filter(t -> !t.isBlank())
                .orElseThrow(() -> new AuthenticationException("login answer carries no accessToken",
                        "check that infisical.host-api points at an Infisical API"));
        long expiresIn = Json.number(answer, "expiresIn", 0);
        long maxTtl = Json.number(answer, "accessTokenMaxTTL", 0);
        LOG.log(System.Logger.Level.DEBUG, () -> "logged in (" + path + "), token valid for " + expiresIn + " s");
        return new Grant(token, expiresIn, maxTtl);
    }

    /** Renews a machine identity's access token (the same route for every identity mechanism). */
    static Grant renewIdentityToken(Transport transport, String token, long fallbackExpiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.ACCESS_TOKEN, token);
        Transport.Call call = Transport.Call.write("POST", ApiPaths.TOKEN_RENEW, body).unauthenticated();
        Map<String, Object> answer = transport.object(call, transport.execute(call));
        String renewed = Json.string(answer, ApiPaths.ACCESS_TOKEN).filter(t -> !t.isBlank())
                .orElse(token); // OCT24 returns the same token string
        long expiresIn = Json.number(answer, "expiresIn", fallbackExpiresIn);
        LOG.log(System.Logger.Level.DEBUG, "renewed access token");
        return new Grant(renewed, expiresIn, 0);
    }

    /**
     * What a login or renewal answered.
     *
     * @param token     the access token
     * @param expiresIn its lifetime in seconds (0: no expiry)
     * @param maxTtl    the longest it can be renewed to, in seconds from the login (0: none given)
     */
    record Grant(String token, long expiresIn, long maxTtl) {
        @Override
        public String toString() {
            return "Grant[token=***, expiresIn=" + expiresIn + ", maxTtl=" + maxTtl + "]";
        }
    }
}
