package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.RecordedRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of the fake: JDK {@link HttpServer} on loopback, journal, faults, routing,
 * authentication, rate limits and the global ETag. Routes live in {@link RouteTable}, endpoint logic in the *Api classes. Not API.
 *
 * <p>Over 400 lines because it is the whole request pipeline of one JDK server (read, journal, faults,
 * dispatch, rate limits, ETag, response headers, error bodies); routes, endpoints and authentication
 * live in RouteTable, the *Api classes and Authenticator.
 */
public final class FakeServer {

    /** Fastify's default {@code bodyLimit}; a larger body is a framework error, which the server answers 500. */
    static final int BODY_LIMIT = 1024 * 1024;

    final Store store;
    final Generation generation;
    final ObjectMapper mapper = new ObjectMapper();
    final Jwt jwt;
    private final FaultQueue faults;
    private final RequestLog journal;
    private final boolean rateLimits;
    private final RouteTable routes;
    private final Authenticator authenticator;
    private final Map<String, Window> windows = new HashMap<>();
    private HttpServer server;
    private ExecutorService executor;
    /** The server's own URL: what the real server's SITE_URL is for CORS. */
    private volatile String siteUrl;

    private static final class Window {
        Instant start;
        int count;
    }

    public FakeServer(Store store, Generation generation, FaultQueue faults, RequestLog journal, boolean rateLimits,
                      WebhookDispatcher webhooks) {
        this.store = store;
        this.jwt = store.jwt;
        this.authenticator = new Authenticator(store);
        this.generation = generation;
        this.faults = faults;
        this.journal = journal;
        this.rateLimits = rateLimits;
        ImportResolution resolution = new ImportResolution(this);
        References references = new References(this);
        AuthApi auth = new AuthApi(this);
        this.routes = RouteTable.build(generation, auth, new ProjectApi(this),
                new SecretListApi(this, resolution, references), new SecretsApi(this, resolution, references),
                new BatchApi(this), new FoldersApi(this), new ImportsApi(this), new WebhookApi(this, auth, webhooks));
    }

    public synchronized void start(String host, int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService ex = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-infisical-" + n.incrementAndGet());
            t.setDaemon(true); // never keep a test JVM alive
            return t;
        });
        s.setExecutor(ex);
        s.createContext("/", this::handle);
        s.start();
        server = s;
        executor = ex;
        String h = s.getAddress().getAddress().getHostAddress();
        siteUrl = "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + s.getAddress().getPort();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    public synchronized String host() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getAddress().getHostAddress();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    // ------------------------------------------------------------------ pipeline

    /** A response before serialisation. */
    static final class Resp {
        int status;
        JsonNode json;
        byte[] raw;
        /** HEAD: headers of the GET answer, no body. */
        boolean head;
        /** No content-type/etag (the preflight). */
        boolean noJson;
        final Map<String, String> headers = new LinkedHashMap<>();

        Resp(int status, JsonNode json) {
            this.status = status;
            this.json = json;
        }
    }

    private void handle(HttpExchange ex) {
        try {
            Req req = read(ex);
            journal.add(new RecordedRequest(req.method, req.path, req.rawTarget, req.query, req.headers,
                    new String(req.body, StandardCharsets.UTF_8), store.clock.instant()));
            Optional<Fault> fault = faults.poll(req.method, req.path);
            if (fault.isPresent()) {
                Fault f = fault.get();
                switch (f.kind()) {
                    case DROP -> {
                        // closing before sendResponseHeaders makes the JDK server close the socket
                        ex.close();
                        return;
                    }
                    case DELAY -> sleep(f.duration());
                    case STATUS -> {
                        Resp r;
                        if (f.body() != null) {
                            r = new Resp(f.status(), null);
                            r.raw = f.body().getBytes(StandardCharsets.UTF_8);
                        } else {
                            r = new Resp(f.status(), errorBody(f.status(), reasonError(f.status()), reason(f.status())));
                        }
                        send(ex, req, r);
                        return;
                    }
                    case RATE_LIMITED -> {
                        Resp r = new Resp(429, errorBody(429, "RateLimitExceeded", rateLimitMessage(
                                Math.max(0, f.duration().toSeconds()))));
                        r.headers.put("retry-after", String.valueOf(Math.max(0, f.duration().toSeconds())));
                        send(ex, req, r);
                        return;
                    }
                    case MALFORMED_BODY -> {
                        Resp r = new Resp(200, null);
                        r.raw = f.body().getBytes(StandardCharsets.UTF_8);
                        send(ex, req, r);
                        return;
                    }
                    default -> throw new IllegalStateException(f.kind().name());
                }
            }
            send(ex, req, dispatch(req));
        } catch (Throwable t) {
            try {
                Resp r = new Resp(500, errorBody(500, "InternalServerError", "Something went wrong"));
                sendRaw(ex, r, null);
            } catch (Throwable ignored) {
                ex.close();
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Req read(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String rawTarget = rawPath + (rawQuery != null ? "?" + rawQuery : "");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean tooLarge = false;
        try (InputStream in = ex.getRequestBody()) {
            byte[] chunk = new byte[16384];
            int n;
            // read everything (so the client is not cut off mid-upload) but keep at most the limit + 1
            while ((n = in.read(chunk)) >= 0) {
                if (buf.size() <= BODY_LIMIT) {
                    buf.write(chunk, 0, Math.min(n, BODY_LIMIT + 1 - buf.size()));
                }
                if (buf.size() > BODY_LIMIT) {
                    tooLarge = true;
                }
            }
        }
        String xff = headers.containsKey("x-forwarded-for") ? headers.get("x-forwarded-for").get(0) : null;
        String ip = xff != null ? xff.split(",")[0].trim() : ex.getRemoteAddress().getAddress().getHostAddress();
        return new Req(method, rawPath, decodePath(rawPath), rawTarget, parseQuery(rawQuery), headers,
                buf.toByteArray(), tooLarge, ip);
    }

    static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private void send(HttpExchange ex, Req req, Resp r) throws IOException {
        sendRaw(ex, r, req.header("if-none-match"));
    }

    private void sendRaw(HttpExchange ex, Resp r, String ifNoneMatch) throws IOException {
        byte[] body = r.raw != null ? r.raw : mapper.writeValueAsBytes(r.json);
        String etag = "\"" + Base64.getEncoder().encodeToString(sha1(body)) + "\"";
        int status = r.status;
        // @fastify/etag: exact string comparison only (no W/, no *, no lists)
        if (etag.equals(ifNoneMatch)) {
            status = 304;
            body = new byte[0];
        }
        var h = ex.getResponseHeaders();
        securityHeaders(h);
        if (!r.noJson) {
            h.set("content-type", "application/json; charset=utf-8");
            h.set("etag", etag);
        }
        r.headers.forEach(h::set);
        if (r.head && status != 304) {
            h.set("content-length", String.valueOf(body.length));
            body = new byte[0];
        }
        if (status == 304 || body.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    /**
     * The CORS (@fastify/cors, origin = the site URL, credentials) and helmet headers the recorded
     * server sent on every answer; a browser-based client checks the first two.
     */
    private void securityHeaders(com.sun.net.httpserver.Headers h) {
        if (siteUrl != null) {
            h.set("access-control-allow-origin", siteUrl);
        }
        h.set("access-control-allow-credentials", "true");
        h.set("vary", "Origin");
        h.set("cross-origin-opener-policy", "same-origin");
        h.set("cross-origin-resource-policy", "same-origin");
        h.set("origin-agent-cluster", "?1");
        h.set("referrer-policy", "no-referrer");
        h.set("strict-transport-security", "max-age=15552000; includeSubDomains");
        h.set("x-content-type-options", "nosniff");
        h.set("x-dns-prefetch-control", "off");
        h.set("x-download-options", "noopen");
        h.set("x-frame-options", "SAMEORIGIN");
        h.set("x-permitted-cross-domain-policies", "none");
        h.set("x-xss-protection", "0");
    }

    private static byte[] sha1(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ errors

    ObjectNode errorBody(int status, String error, Object message) {
        ObjectNode o = mapper.createObjectNode();
        if (generation == Generation.CURRENT) {
            o.put("reqId", reqId());
        }
        o.put("statusCode", status);
        if (message instanceof String s) {
            o.put("message", s);
        } else {
            o.set("message", mapper.valueToTree(message));
        }
        o.put("error", error);
        return o;
    }

    private static String reqId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("req-");
        for (int i = 0; i < 14; i++) {
            sb.append(alphabet.charAt(Store.RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    Resp render(ApiError e) {
        if (e.routeNotFound) {
            // Fastify's own 404 has its own key order and never a reqId
            ObjectNode o = mapper.createObjectNode();
            o.put("message", (String) e.body);
            o.put("error", e.error);
            o.put("statusCode", 404);
            return new Resp(404, o);
        }
        return new Resp(e.status, errorBody(e.status, e.error, e.body));
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Something went wrong";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected fault " + status;
        };
    }

    private static String reasonError(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "UnauthorizedError";
            case 403 -> "ForbiddenError";
            case 404 -> "NotFound";
            case 429 -> "RateLimitExceeded";
            case 500 -> "InternalServerError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeoutError";
            default -> "Error";
        };
    }

    String rateLimitMessage(long seconds) {
        return generation == Generation.OCT24
                ? "Rate limit exceeded. Please try again in 1 minute"
                : "Rate limit exceeded. Please try again in " + seconds + " seconds";
    }

    // ------------------------------------------------------------------ routing

    /** Rate-limit classes of the server (limits per minute, per route and client IP). */
    enum Limit {
        NONE, SECRETS, READ, WRITE
    }

    int limitOf(Limit l) {
        return switch (l) {
            // OCT24 values as observed on a free-plan instance (secrets 40); CURRENT = source defaults
            case SECRETS -> generation == Generation.OCT24 ? 40 : 60;
            case READ -> 60;
            case WRITE -> 200;
            case NONE -> Integer.MAX_VALUE;
        };
    }

    /** Who may call a route. */
    enum Auth {
        NONE, SERVICE_TOKEN_ONLY, IDENTITY_ONLY, ANY,
        /** A person's session only (the fake accepts people nowhere else). */
        USER_ONLY
    }

    private Resp dispatch(Req req) {
        if (req.method.equals("OPTIONS")) {
            return preflight(req);
        }
        try {
            if (req.method.equals("HEAD")) {
                // Fastify answers HEAD on every GET route: the GET's status and headers, no body
                Resp r;
                try {
                    r = route(req.withMethod("GET"));
                } catch (ApiError e) {
                    r = render(e.routeNotFound ? ApiError.routeNotFound("HEAD", req.rawTarget) : e);
                }
                r.head = true;
                return r;
            }
            return route(req);
        } catch (ApiError e) {
            return render(e);
        }
    }

    /** CORS preflight (@fastify/cors with the site URL as origin): 204 on any path. */
    private Resp preflight(Req req) {
        Resp r = new Resp(204, null);
        r.raw = new byte[0];
        r.noJson = true;
        r.headers.put("access-control-allow-methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
        String asked = req.header("access-control-request-headers");
        if (asked != null) {
            r.headers.put("access-control-allow-headers", asked);
        }
        r.headers.put("vary", "Origin, Access-Control-Request-Headers");
        return r;
    }

    private Resp route(Req req) {
        RouteTable.Match m = routes.find(req);
        RouteTable.Route r = m.route();
        return run(req, r.auth(), r.limit(), r.pattern(), c -> r.handler().handle(req, c, m.params()), r.locked());
    }

    interface Handler {
        JsonNode handle(Caller caller);
    }

    /** Runs a handler: authenticate, rate-limit, check the body, then the endpoint logic under the store lock. */
    private Resp run(Req req, Auth auth, Limit limit, String route, Handler h) {
        return run(req, auth, limit, route, h, true);
    }

    private Resp run(Req req, Auth auth, Limit limit, String route, Handler h, boolean lock) {
        Map<String, String> rlHeaders = new LinkedHashMap<>();
        try {
            Caller caller;
            synchronized (store) {
                caller = auth == Auth.NONE ? null : authenticate(req, auth);
            }
            if (req.tooLarge) {
                throw ApiError.framework(); // observed: a body over the limit gets a 500 without x-ratelimit-*
            }
            // auth failures are answered before the limiter (no x-ratelimit-* headers on them)
            rateLimit(req, limit, route, rlHeaders);
            JsonNode out;
            if (!lock) {
                out = h.handle(caller);
            } else {
                synchronized (store) {
                    try {
                        out = h.handle(caller);
                        store.commitChanges(); // webhooks hear of a write only when it succeeded
                    } catch (RuntimeException e) {
                        store.discardChanges();
                        throw e;
                    }
                }
            }
            Resp r = new Resp(200, out);
            r.headers.putAll(rlHeaders);
            return r;
        } catch (ApiError e) {
            Resp r = render(e);
            if (!e.framework) {
                r.headers.putAll(rlHeaders);
            }
            return r;
        }
    }

    private void rateLimit(Req req, Limit limit, String route, Map<String, String> headers) {
        if (!rateLimits || limit == Limit.NONE) {
            return;
        }
        int max = limitOf(limit);
        Instant now = store.clock.instant();
        int count;
        long reset;
        synchronized (windows) {
            // one counter per route pattern and client IP (not per URL, not per token)
            String key = req.method + " " + route + " " + req.clientIp;
            Window w = windows.computeIfAbsent(key, k -> new Window());
            if (w.start == null || !now.isBefore(w.start.plusSeconds(60))) {
                w.start = now;
                w.count = 0;
            }
            count = ++w.count;
            reset = Math.max(0, (long) Math.ceil(Duration.between(now, w.start.plusSeconds(60)).toMillis() / 1000.0));
        }
        headers.put("x-ratelimit-limit", String.valueOf(max));
        headers.put("x-ratelimit-remaining", String.valueOf(Math.max(0, max - count)));
        headers.put("x-ratelimit-reset", String.valueOf(reset));
        if (count > max) {
            headers.put("retry-after", String.valueOf(reset));
            throw new ApiError(429, "RateLimitExceeded", rateLimitMessage(reset));
        }
    }

    // ------------------------------------------------------------------ authentication

    /** The authenticated caller of a request: a service token, a machine identity or (webhook routes only) a person. */
    static final class Caller {
        final Store.ServiceToken st;
        final Store.Identity identity;
        final Store.User user;

        Caller(Store.ServiceToken st, Store.Identity identity) {
            this(st, identity, null);
        }

        Caller(Store.ServiceToken st, Store.Identity identity, Store.User user) {
            this.st = st;
            this.identity = identity;
            this.user = user;
        }
    }

    private Caller authenticate(Req req, Auth auth) {
        return authenticator.authenticate(req, auth);
    }

    Store.AccessToken checkIdentityToken(JsonNode payload) {
        return authenticator.checkIdentityToken(payload);
    }

    // helpers for Api
    ObjectNode obj() {
        return mapper.createObjectNode();
    }

    ArrayNode arr() {
        return mapper.createArrayNode();
    }
}
