package dev.infisicalpro.internal;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.TokenScope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When to log in, renew and log in again (design §5.2–5.4). No background thread: the work happens
 * lazily, on the thread that needs a token, single-flight under a lock so that N concurrent first
 * requests cause one login. Not API.
 *
 * <ul>
 *   <li>Service token: sent as {@code st.<id>.<secret>} (the 4th part is a client-side key the server
 *       ignores); described once via {@code GET /api/v2/service-token}.</li>
 *   <li>Universal / Kubernetes auth: login on first use; renew when less than a margin of
 *       {@code expiresIn} is left; log in again when renew fails or the max TTL (measured from login) is
 *       near; one re-login when a request is answered 401 / 403 {@code TokenError}.</li>
 *   <li>Access token: used as is.</li>
 * </ul>
 */
public final class TokenManager implements Transport.TokenSource {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro");

    private final Credentials credentials;
    private final Transport transport;
    private final Clock clock;
    private final Warnings warnings;
    private final ReentrantLock lock = new ReentrantLock();

    /** Current identity token; null before the first login. */
    private volatile Session session;
    private volatile ServiceTokenInfo serviceTokenInfo;
    private volatile boolean describeFailed;
    /** After a refused login, no new attempt before this instant (lockout protection). */
    private Instant loginRefusedUntil = Instant.MIN;
    private InfisicalException lastRefusal;
    /** When a request's rejection last made us log in again (guarded by {@link #lock}). */
    private Instant lastRejectionLogin = Instant.MIN;

    /**
     * How long a refused login (wrong or expired credentials) is not tried again. Newer servers lock an
     * identity out for 300 s after 3 failed logins; a refresh loop calling every few seconds would keep
     * it locked forever.
     */
    static final Duration LOGIN_REFUSAL_COOLDOWN = Duration.ofSeconds(60);

    /** A logged-in identity token and its deadlines. */
    record Session(String token, Instant loggedInAt, Instant expiresAt, Instant maxExpiresAt, Duration ttl) {
        @Override
        public String toString() {
            return "Session[token=***, expiresAt=" + expiresAt + ", maxExpiresAt=" + maxExpiresAt + "]";
        }
    }

    public TokenManager(Credentials credentials, Transport transport, Clock clock, Warnings warnings) {
        this.warnings = warnings;
        this.credentials = credentials;
        this.transport = transport;
        this.clock = clock;
    }

    @Override
    public boolean isServiceToken() {
        return credentials instanceof Credentials.ServiceToken;
    }

    @Override
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        if (credentials instanceof Credentials.ServiceToken st) {
            String[] p = st.token().split("\\.");
            out.add(st.token());
            for (int i = 2; i < p.length; i++) {
                out.add(p[i]); // the secret and key parts on their own
            }
        } else if (credentials instanceof Credentials.AccessToken at) {
            out.add(at.token());
        } else if (credentials instanceof Credentials.UniversalAuth ua) {
            out.add(ua.clientSecret());
        }
        Session s = session;
        if (s != null) {
            out.add(s.token());
        }
        return out;
    }

    @Override
    public String token() {
        if (credentials instanceof Credentials.ServiceToken st) {
            return threeParts(st.token());
        }
        if (credentials instanceof Credentials.AccessToken at) {
            return at.token();
        }
        Session s = session;
        if (s != null && fresh(s, clock.instant())) {
            return s.token(); // fast path: no lock
        }
        lock.lock();
        try {
            s = session;
            Instant now = clock.instant();
            if (s != null && fresh(s, now)) {
                return s.token(); // another thread logged in or renewed meanwhile
            }
            if (s != null && !nearMaxTtl(s, now) && s.ttl().compareTo(Duration.ZERO) > 0) {
                Optional<Session> renewed = renew(s, now);
                if (renewed.isPresent()) {
                    session = renewed.get();
                    return renewed.get().token();
                }
            }
            session = login();
            return session.token();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean refresh(String rejected) {
        if (!(credentials instanceof Credentials.UniversalAuth) && !(credentials instanceof Credentials.Kubernetes)) {
            return false;
        }
        lock.lock();
        try {
            Session s = session;
            if (s == null || s.token().equals(rejected)) {
                Instant now = clock.instant();
                if (now.isBefore(lastRejectionLogin.plus(LOGIN_REFUSAL_COOLDOWN))) {
                    // The server accepts our logins but rejects the tokens they give (a proxy stripping the
                    // header, a clock-skewed server, a revoked role): logging in per request would burn
                    // client-secret uses and may lock the identity out. Let this request fail instead.
                    LOG.log(System.Logger.Level.DEBUG, "access token rejected again soon after a new login; "
                            + "not logging in again before the cooldown ends");
                    return false;
                }
                lastRejectionLogin = now;
                LOG.log(System.Logger.Level.DEBUG, "access token rejected by the server; logging in again");
                session = null;
                session = login();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** True when the token can be used as is. */
    private boolean fresh(Session s, Instant now) {
        if (nearMaxTtl(s, now)) {
            return false;
        }
        if (s.ttl().isZero()) {
            return true; // accessTokenTTL 0: no expiry
        }
        return now.isBefore(s.expiresAt().minus(margin(s.ttl())));
    }

    private boolean nearMaxTtl(Session s, Instant now) {
        if (s.maxExpiresAt() == null) {
            return false;
        }
        Duration total = Duration.between(s.loggedInAt(), s.maxExpiresAt());
        return !now.isBefore(s.maxExpiresAt().minus(margin(total)));
    }

    /** Renew/re-login this long before a deadline: 10 % of the lifetime, between 1 s and 5 min. */
    static Duration margin(Duration lifetime) {
        long ms = lifetime.toMillis() / 10;
        return Duration.ofMillis(Math.max(1000, Math.min(ms, Duration.ofMinutes(5).toMillis())));
    }

    private Optional<Session> renew(Session s, Instant now) {
        // Renewal past the max TTL is refused by the server ("...past its Max TTL expiration"): log in instead.
        if (s.maxExpiresAt() != null && now.plus(s.ttl()).isAfter(s.maxExpiresAt())) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.ACCESS_TOKEN, s.token());
        Transport.Call call = Transport.Call.write("POST", ApiPaths.TOKEN_RENEW, body).unauthenticated();
        try {
            Map<String, Object> answer = transport.object(call, transport.execute(call));
            String token = Json.string(answer, ApiPaths.ACCESS_TOKEN).filter(t -> !t.isBlank())
                    .orElse(s.token()); // OCT24 returns the same token string
            long expiresIn = Json.number(answer, "expiresIn", s.ttl().toSeconds());
            Instant after = clock.instant();
            LOG.log(System.Logger.Level.DEBUG, "renewed access token");
            return Optional.of(new Session(token, s.loggedInAt(), after.plusSeconds(expiresIn), s.maxExpiresAt(),
                    Duration.ofSeconds(expiresIn)));
        } catch (InfisicalException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "renew failed (" + e.getClass().getSimpleName()
                    + e.status().stream().mapToObj(st -> " " + st).findFirst().orElse("") + "); logging in again");
            return Optional.empty();
        }
    }

    private Session login() {
        Map<String, Object> body = new LinkedHashMap<>();
        String path;
        if (credentials instanceof Credentials.UniversalAuth ua) {
            path = ApiPaths.UNIVERSAL_AUTH_LOGIN;
            body.put(ApiPaths.CLIENT_ID, ua.clientId());         // camelCase only: snake_case is a 401/422
            body.put(ApiPaths.CLIENT_SECRET, ua.clientSecret());
        } else if (credentials instanceof Credentials.Kubernetes k) {
            path = ApiPaths.KUBERNETES_AUTH_LOGIN;
            body.put(ApiPaths.IDENTITY_ID, k.identityId());
            body.put(ApiPaths.JWT, readJwt(k)); // re-read at each login: kubelet rotates the file
        } else {
            throw new IllegalStateException("no login for " + credentials.getClass().getSimpleName());
        }
        Transport.Call call = Transport.Call.write("POST", path, body).unauthenticated();
        Instant at = clock.instant();
        if (at.isBefore(loginRefusedUntil)) {
            InfisicalException last = lastRefusal;
            throw new AuthenticationException("not logging in again before " + loginRefusedUntil
                    + ": the last login was refused (" + last.getMessage() + ")",
                    "fix the credentials; repeated failed logins lock a machine identity out on newer servers");
        }
        Map<String, Object> answer;
        try {
            answer = transport.object(call, transport.execute(call));
        } catch (AuthenticationException | dev.infisicalpro.PermissionDeniedException e) {
            lastRefusal = e;
            loginRefusedUntil = at.plus(LOGIN_REFUSAL_COOLDOWN);
            throw e;
        }
        String token = Json.string(answer, ApiPaths.ACCESS_TOKEN).filter(t -> !t.isBlank())
                .orElseThrow(() -> new AuthenticationException("login answer carries no accessToken",
                        "check that infisical.host-api points at an Infisical API"));
        long expiresIn = Json.number(answer, "expiresIn", 0);
        long maxTtl = Json.number(answer, "accessTokenMaxTTL", 0);
        LOG.log(System.Logger.Level.DEBUG, () -> "logged in (" + path + "), token valid for " + expiresIn + " s");
        return new Session(token, at, at.plusSeconds(expiresIn), maxTtl > 0 ? at.plusSeconds(maxTtl) : null,
                Duration.ofSeconds(Math.max(0, expiresIn)));
    }

    private static String readJwt(Credentials.Kubernetes k) {
        // the path is quoted only when it is the well-known default (anything else is a setting's value)
        String what = "the Kubernetes service-account token file"
                + (k.tokenPath().equals(Credentials.DEFAULT_KUBERNETES_TOKEN_PATH) ? " " + k.tokenPath()
                : " (infisical.auth.kubernetes.token-path)");
        String hint = "mount the service-account token, or set infisical.auth.kubernetes.token-path";
        String jwt = SmallFile.read(k.tokenPath(), what, hint);
        if (jwt.isEmpty()) {
            throw new ValidationException(what + " is empty", hint);
        }
        return jwt;
    }

    /** {@code st.<id>.<secret>[.<key>]} → {@code st.<id>.<secret>}: the 4th part never leaves the process. */
    static String threeParts(String token) {
        String[] p = token.split("\\.");
        return p[0] + "." + p[1] + "." + p[2];
    }

    /**
     * What {@code GET /api/v2/service-token} says about the token; fetched once. Only a server without
     * the route (404 "Route … not found", or a proxy's bare 404) is remembered: the info stays empty, which is logged once, and
     * the response checks still catch the scope trap. Every other failure (auth, 5xx, timeouts) is
     * thrown and not remembered, so the next call asks again.
     */
    public Optional<ServiceTokenInfo> serviceTokenInfo() {
        if (!(credentials instanceof Credentials.ServiceToken st)) {
            return Optional.empty();
        }
        ServiceTokenInfo info = serviceTokenInfo;
        if (info != null || describeFailed) {
            return Optional.ofNullable(info);
        }
        lock.lock();
        try {
            if (serviceTokenInfo != null || describeFailed) {
                return Optional.ofNullable(serviceTokenInfo);
            }
            Transport.Call call = Transport.Call.get(ApiPaths.SERVICE_TOKEN_DESCRIBE, List.of());
            Map<String, Object> answer;
            try {
                answer = transport.object(call, transport.execute(call));
            } catch (dev.infisicalpro.NotFoundException e) {
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
            serviceTokenInfo = new ServiceTokenInfo(st.tokenId(), Json.string(answer, "name").orElse(""), projectId,
                    scopes, new LinkedHashSet<>(Json.strings(answer, "permissions")));
            return Optional.of(serviceTokenInfo);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "TokenManager[" + credentials + "]";
    }
}
