package dev.infisicalpro.internal;

import dev.infisicalpro.FailedRequest;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.RetryPolicy;
import dev.infisicalpro.TransportException;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * HTTP for one client (design §4): OkHttp, retries with exponential backoff and full jitter honouring
 * {@code Retry-After}, the one re-login on a 401 / 403 {@code TokenError}, bounded response reading, and
 * error mapping through {@link ErrorMapper}. Not API.
 */
public final class Transport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Fastify's default body limit; a larger body makes Infisical answer 500 (not 413). */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    /** Whether a request may be repeated after an ambiguous failure. */
    public enum Kind {
        /** Safe to repeat: connect errors, timeouts, 429, 502, 503, 504. */
        READ,
        /** Repeated only where the server cannot have applied it: connect failure, 429. */
        WRITE
    }

    /** How the request authenticates. */
    public interface TokenSource {
        /** The bearer token to send now (may log in or renew). */
        String token();

        /**
         * The server rejected {@code rejected} (401, or 403 TokenError): get a fresh one. Returns false
         * when the credentials cannot produce a new token (service token, plain access token).
         */
        boolean refresh(String rejected);

        /** True for service tokens (hints differ). */
        boolean isServiceToken();

        /** Secret strings of the credentials (tokens, client secret) to scrub from server texts. */
        default List<String> secrets() {
            return List.of();
        }
    }

    /** Sleeps between retries; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * One request.
     *
     * @param method      HTTP method
     * @param path        API-relative path with encoded segments, e.g. {@code /v3/secrets/raw/A%20B}
     * @param query       query parameters in order (values unencoded)
     * @param body        JSON tree or null
     * @param kind        retry class
     * @param authenticated send a bearer token
     * @param ifNoneMatch ETag to send, or null
     */
    public record Call(String method, String path, List<Map.Entry<String, String>> query, Object body, Kind kind,
                       boolean authenticated, String ifNoneMatch) {
        public Call {
            Objects.requireNonNull(method);
            Objects.requireNonNull(path);
            query = query == null ? List.of() : List.copyOf(query);
        }

        public static Call get(String path, List<Map.Entry<String, String>> query) {
            return new Call("GET", path, query, null, Kind.READ, true, null);
        }

        public static Call write(String method, String path, Object body) {
            return new Call(method, path, List.of(), body, Kind.WRITE, true, null);
        }

        public Call withIfNoneMatch(String etag) {
            return new Call(method, path, query, body, kind, authenticated, etag);
        }

        public Call unauthenticated() {
            return new Call(method, path, query, body, kind, false, ifNoneMatch);
        }

        /** Method and path only: the body may hold client secrets, tokens, a JWT or secret values. */
        @Override
        public String toString() {
            return "Call[" + method + " " + path + "]";
        }
    }

    /** A 2xx or 304 answer. */
    public record Reply(int status, byte[] body, String etag) {
        public boolean notModified() {
            return status == 304;
        }

        /** Never the body (secret values). */
        @Override
        public String toString() {
            return "Reply[" + status + ", " + body.length + " bytes]";
        }
    }

    /**
     * An absolute http(s) URL as OkHttp reads it; {@code java.net.URI} refuses host names with
     * {@code _} (e.g. a Docker Compose service {@code infisical_backend}), OkHttp does not.
     *
     * @param scheme {@code http} or {@code https}
     * @param host   host name or address
     * @param extras whether it carries a query, fragment or user info
     */
    public record UrlParts(String scheme, String host, boolean extras) {
    }

    /** Parses an absolute http(s) URL; empty when it is not one. */
    public static java.util.Optional<UrlParts> parseUrl(String url) {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            return java.util.Optional.empty();
        }
        boolean extras = u.encodedQuery() != null || u.encodedFragment() != null || !u.encodedUsername().isEmpty()
                || !u.encodedPassword().isEmpty();
        return java.util.Optional.of(new UrlParts(u.scheme(), u.host(), extras));
    }

    private final String apiUrl;
    private final HttpUrl base;
    private final String hostName;
    private final OkHttpClient http;
    private final RetryPolicy retry;
    private final long maxResponseBytes;
    private final String userAgent;
    private final ErrorMapper errors;
    private final java.time.Clock clock;
    private volatile TokenSource tokens;
    private volatile boolean closed;
    private volatile Sleeper sleeper = d -> Thread.sleep(d.toMillis(), 0);

    public Transport(String apiUrl, Duration connectTimeout, Duration readTimeout, RetryPolicy retry,
                     long maxResponseBytes, String userAgent, java.time.Clock clock) {
        this.apiUrl = apiUrl;
        this.clock = clock;
        this.base = Objects.requireNonNull(HttpUrl.parse(apiUrl), "apiUrl");
        this.hostName = base.host() + (base.port() == HttpUrl.defaultPort(base.scheme()) ? "" : ":" + base.port());
        this.retry = retry;
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
        this.errors = new ErrorMapper(apiUrl);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .retryOnConnectionFailure(false) // our retry policy decides, per request kind
                .followRedirects(false)          // a redirect would drop or leak the Authorization header
                // idle connections closed before Node/Fastify's 72 s keep-alive ends, so a reused
                // connection is never one the server is closing (writes are not retried on such errors)
                .connectionPool(new ConnectionPool(5, 60, TimeUnit.SECONDS))
                // an http:// API root never speaks TLS (redirects are not followed): cleartext only spares
                // OkHttp loading the trust store and ~260 TLS classes at start-up (issue 12, B9)
                .connectionSpecs("http".equals(base.scheme()) ? List.of(ConnectionSpec.CLEARTEXT)
                        : List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                .build();
    }

    public void tokenSource(TokenSource source) {
        this.tokens = source;
    }

    /** Tests only: skip real waiting. */
    public void sleeper(Sleeper s) {
        this.sleeper = Objects.requireNonNull(s);
    }

    public String apiUrl() {
        return apiUrl;
    }

    /** The full path of an API-relative path, e.g. {@code /api/v3/secrets/raw}, for messages. */
    public String apiPath(String relative) {
        return base.encodedPath() + relative;
    }

    public String host() {
        return hostName;
    }

    /** Sends with retries and the one re-login; returns 2xx/304 or throws the mapped exception. */
    public Reply execute(Call call) {
        if (closed) {
            throw new InfisicalException("this InfisicalClient is closed",
                    "create a new client; a closed one has released its connections and cannot be reused");
        }
        byte[] body = call.body() == null ? null : Json.write(call.body());
        if (body != null && body.length >= MAX_REQUEST_BYTES) {
            throw new ValidationException("request body of " + body.length + " bytes is too large",
                    "Infisical refuses bodies of 1 MiB or more (it answers 500); store smaller values");
        }
        String fullPath = base.encodedPath() + call.path();
        boolean reloggedIn = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String token = null;
            Request.Builder rb = new Request.Builder().url(url(call)).header("User-Agent", userAgent)
                    .header("Accept", "application/json");
            if (call.authenticated()) {
                token = tokens.token();
                rb.header("Authorization", "Bearer " + token);
            }
            if (call.ifNoneMatch() != null && !call.ifNoneMatch().isEmpty()) {
                rb.header("If-None-Match", call.ifNoneMatch());
            }
            rb.method(call.method(), body == null ? (requiresBody(call.method()) ? RequestBody.create(new byte[0], JSON)
                    : null) : RequestBody.create(body, JSON));
            Request request = rb.build();

            int status;
            byte[] bytes;
            String retryAfterHeader;
            String etag;
            String redirectTarget = null;
            try (Response response = http.newCall(request).execute()) {
                status = response.code();
                retryAfterHeader = response.header("Retry-After");
                etag = response.header("ETag");
                if (status >= 300 && status < 400 && status != 304) {
                    redirectTarget = redirectTarget(request.url(), response.header("Location"));
                }
                bytes = status == 304 ? new byte[0] : readBounded(response.body(), call, fullPath);
            } catch (IOException e) {
                boolean connectFailure = isConnectFailure(e);
                boolean retryable = connectFailure || (call.kind() == Kind.READ && !(e instanceof UnknownHostException));
                if (retryable && attempt < retry.maxAttempts()) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + call.method() + " " + fullPath + " after "
                            + e.getClass().getSimpleName());
                    pause(backoff(attempt), call, fullPath);
                    continue;
                }
                throw transportFailure(e, call, fullPath);
            }
            LOG.log(System.Logger.Level.DEBUG, () -> call.method() + " " + fullPath + " -> " + status);
            if ((status >= 200 && status < 300) || status == 304) {
                return new Reply(status, bytes, etag == null ? "" : etag);
            }
            if (redirectTarget != null) {
                // not followed: OkHttp would drop the Authorization header, and a POST would turn into a GET
                throw new ValidationException("the server redirected",
                        "the server redirected (" + base.scheme() + "://" + hostName + " -> " + redirectTarget
                        + "); set infisical.host-api to the final https URL",
                        new FailedRequest(call.method(), fullPath, status, ""), null);
            }
            // One re-login on a rejected token: 401 (not a validation failure), or 403 TokenError.
            if (call.authenticated() && !reloggedIn && isTokenRejection(status, bytes)) {
                reloggedIn = true;
                if (tokens.refresh(token)) {
                    attempt--; // the re-login does not use up a retry attempt
                    continue;
                }
            }
            if (status == 429) {
                Duration wait = parseRetryAfter(retryAfterHeader, clock);
                if (attempt < retry.maxAttempts() && wait.compareTo(retry.maxRetryAfter()) <= 0) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "rate limited on " + fullPath + "; waiting " + wait);
                    pause(wait.isZero() ? backoff(attempt) : wait, call, fullPath);
                    continue;
                }
                throw errors.map(call.method(), fullPath, status, bytes, wait, tokens != null && tokens.isServiceToken(),
                        redactor(call, token));
            }
            if (call.kind() == Kind.READ && (status == 502 || status == 503 || status == 504)
                    && attempt < retry.maxAttempts()) {
                Duration wait = retryAfterHeader == null ? backoff(attempt)
                        : min(parseRetryAfter(retryAfterHeader, clock), retry.maxRetryAfter());
                LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + fullPath + " after " + status);
                pause(wait, call, fullPath);
                continue;
            }
            throw errors.map(call.method(), fullPath, status, bytes, DEFAULT_RETRY_AFTER,
                    tokens != null && tokens.isServiceToken(), redactor(call, token));
        }
    }

    /** What to scrub from this call's error texts: the token sent, the credentials, the body's secrets. */
    private Redactor redactor(Call call, String tokenSent) {
        List<String> strings = new java.util.ArrayList<>();
        if (tokenSent != null) {
            strings.add(tokenSent);
        }
        if (tokens != null) {
            strings.addAll(tokens.secrets());
        }
        return Redactor.of(strings, call.body());
    }

    /** {@code scheme://host[:port]} of a Location header (relative ones resolved), for the hint only. */
    private static String redirectTarget(HttpUrl requested, String location) {
        HttpUrl target = location == null ? null : requested.resolve(location);
        if (target == null) {
            return "an unknown location";
        }
        boolean defaultPort = target.port() == HttpUrl.defaultPort(target.scheme());
        return target.scheme() + "://" + target.host() + (defaultPort ? "" : ":" + target.port());
    }

    /** Parses a JSON object answer; malformed JSON becomes a {@link TransportException} naming the host. */
    public Map<String, Object> object(Call call, Reply reply) {
        try {
            return Json.parseObject(reply.body());
        } catch (Json.MalformedJsonException e) {
            throw new TransportException("malformed answer from " + hostName + ": " + e.getMessage(),
                    "check that infisical.host-api points at an Infisical API (a proxy or login page may answer instead)",
                    new FailedRequest(call.method(), base.encodedPath() + call.path(), reply.status(), ""), null);
        }
    }

    /**
     * The objects of the array {@code key} of an answer, which must be there: otherwise the answer is
     * not the documented shape (a proxy, a captive portal, a broken server) and the call failed.
     */
    public List<Map<String, Object>> requiredList(Call call, Reply reply, Map<String, Object> answer, String key) {
        try {
            return Json.requiredObjects(answer, key);
        } catch (Json.MalformedJsonException e) {
            throw malformed(call, reply, e.getMessage());
        }
    }

    /** A 2xx answer that is not what the route documents: a failed call, never an empty result. */
    public TransportException malformed(Call call, Reply reply, String what) {
        return new TransportException("unexpected answer from " + hostName + ": " + what,
                "check that infisical.host-api points at an Infisical API (a proxy or login page may answer instead)",
                new FailedRequest(call.method(), base.encodedPath() + call.path(), reply.status(), ""), null);
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private HttpUrl url(Call call) {
        HttpUrl.Builder b = base.newBuilder().encodedPath(base.encodedPath() + call.path());
        for (Map.Entry<String, String> q : call.query()) {
            b.addQueryParameter(q.getKey(), q.getValue());
        }
        return b.build();
    }

    private static boolean isTokenRejection(int status, byte[] body) {
        if (status != 401 && status != 403) {
            return false;
        }
        ErrorMapper.ServerError se = ErrorMapper.parse(body);
        if (status == 401) {
            return !"ValidationFailure".equals(se.error());
        }
        return "TokenError".equals(se.error());
    }

    private byte[] readBounded(ResponseBody body, Call call, String fullPath) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        long declared = body.contentLength();
        if (declared > maxResponseBytes) {
            throw tooLarge(call, fullPath);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        long total = 0;
        while (true) {
            long read = source.read(buffer, 8192);
            if (read == -1) {
                break;
            }
            total += read;
            if (total > maxResponseBytes) {
                throw tooLarge(call, fullPath);
            }
        }
        return buffer.readByteArray();
    }

    private TransportException tooLarge(Call call, String fullPath) {
        return new TransportException("answer from " + hostName + " is larger than " + maxResponseBytes + " bytes",
                "raise InfisicalClient.builder().maxResponseBytes(...) or read fewer folders at once",
                FailedRequest.unanswered(call.method(), fullPath), null);
    }

    private static boolean isConnectFailure(IOException e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return true;
        }
        if (e instanceof SocketTimeoutException && e.getMessage() != null
                && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect")) {
            return true;
        }
        return false;
    }

    private InfisicalException transportFailure(IOException e, Call call, String fullPath) {
        String what;
        String hint;
        if (e instanceof UnknownHostException) {
            what = "cannot resolve host " + hostName;
            hint = "check infisical.host-api";
        } else if (isConnectFailure(e)) {
            what = "cannot connect to " + hostName;
            hint = "check infisical.host-api and that the server is reachable from here";
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            what = "timed out waiting for " + hostName;
            hint = "the server is slow or unreachable; raise readTimeout if large folders take long";
        } else {
            what = "connection to " + hostName + " failed (" + e.getClass().getSimpleName() + ")";
            hint = "check infisical.host-api and the network path (proxies, TLS)";
        }
        return new TransportException(what, hint, FailedRequest.unanswered(call.method(), fullPath), e);
    }

    Duration backoff(int attempt) {
        long ceiling = retry.initialBackoff().toMillis();
        for (int i = 1; i < attempt && ceiling < retry.maxBackoff().toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, retry.maxBackoff().toMillis());
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1)); // full jitter
    }

    /**
     * {@code Retry-After} as delta-seconds or as an HTTP-date (RFC 9110; a proxy or CDN in front of the
     * server may send that form); missing or unreadable means {@link #DEFAULT_RETRY_AFTER}, Infisical's
     * own value.
     */
    static Duration parseRetryAfter(String header, java.time.Clock clock) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String h = header.trim();
        try {
            long s = Long.parseLong(h);
            return Duration.ofSeconds(Math.max(0, s));
        } catch (NumberFormatException e) {
            // fall through to the date form
        }
        try {
            java.time.Instant at = java.time.ZonedDateTime.parse(h, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (java.time.format.DateTimeParseException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void pause(Duration d, Call call, String fullPath) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting to retry",
                    "", FailedRequest.unanswered(call.method(), fullPath), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
