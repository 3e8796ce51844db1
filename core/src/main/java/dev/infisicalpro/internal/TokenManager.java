package dev.infisicalpro.internal;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.PermissionDeniedException;
import dev.infisicalpro.internal.auth.Login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When to log in, renew and log in again; how is the {@link Login} of the credentials' mechanism. No
 * background thread: the work happens lazily, on the thread that needs a token, single-flight under a
 * lock so that N concurrent first requests cause one login. Not API.
 *
 * <ul>
 *   <li>Service token, access token: the {@linkplain Login#fixedToken() fixed token}, never replaced.</li>
 *   <li>Universal / Kubernetes auth: login on first use; renew when less than a margin of
 *       {@code expiresIn} is left; log in again when renew fails or the max TTL (measured from login) is
 *       near; one re-login when a request is answered 401 / 403 {@code TokenError}
 *       ({@link BearerAuth} asks for it); after a refused login, none for a minute.</li>
 * </ul>
 */
public final class TokenManager {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro");

    private final Login login;
    /** The login's fixed token, or null when it logs in. */
    private final String fixed;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    /** Current identity token; null before the first login. */
    private volatile Session session;
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

    public TokenManager(Login login, Clock clock) {
        this.login = login;
        this.fixed = login.fixedToken();
        this.clock = clock;
    }

    /** True for service tokens (hints differ, scope checks apply). */
    public boolean isServiceToken() {
        return login.isServiceToken();
    }

    /** Secret strings of the credentials and the current session token, to scrub from server texts. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>(login.secrets());
        Session s = session;
        if (s != null) {
            out.add(s.token());
        }
        return out;
    }

    /** The bearer token to send now: the fixed one, the session's, or a new one (renew or login). */
    public String token() {
        if (fixed != null) {
            return fixed;
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
            session = logIn();
            return session.token();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The server rejected {@code rejected}: log in again, unless another thread already did, a fixed token
     * cannot be replaced, or a rejection made us log in less than a cooldown ago. True when a fresh token
     * is there to try.
     */
    public boolean refresh(String rejected) {
        if (fixed != null) {
            return false; // a fixed token cannot be replaced
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
                session = logIn();
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
        try {
            Login.Grant g = login.renew(s.token(), s.ttl().toSeconds());
            Instant after = clock.instant();
            return Optional.of(new Session(g.token(), s.loggedInAt(), after.plusSeconds(g.expiresIn()),
                    s.maxExpiresAt(), Duration.ofSeconds(g.expiresIn())));
        } catch (InfisicalException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "renew failed (" + e.getClass().getSimpleName()
                    + e.status().stream().mapToObj(st -> " " + st).findFirst().orElse("") + "); logging in again");
            return Optional.empty();
        }
    }

    /** One login, unless the last one was refused less than {@link #LOGIN_REFUSAL_COOLDOWN} ago. */
    private Session logIn() {
        Instant at = clock.instant();
        if (at.isBefore(loginRefusedUntil)) {
            InfisicalException last = lastRefusal;
            throw new AuthenticationException("not logging in again before " + loginRefusedUntil
                    + ": the last login was refused (" + last.getMessage() + ")",
                    "fix the credentials; repeated failed logins lock a machine identity out on newer servers");
        }
        Login.Grant g;
        try {
            g = login.login();
        } catch (AuthenticationException | PermissionDeniedException e) {
            if (e.status().isPresent()) { // the server refused; a 200 without a token is no refusal
                lastRefusal = e;
                loginRefusedUntil = at.plus(LOGIN_REFUSAL_COOLDOWN);
            }
            throw e;
        }
        return new Session(g.token(), at, at.plusSeconds(g.expiresIn()), g.maxTtl() > 0 ? at.plusSeconds(g.maxTtl())
                : null, Duration.ofSeconds(Math.max(0, g.expiresIn())));
    }

    @Override
    public String toString() {
        return "TokenManager[" + login + "]";
    }
}
