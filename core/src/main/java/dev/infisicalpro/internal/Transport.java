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
    private final Duration callTimeout;
    private final Duration operationTimeout;
    private volatile TokenSource tokens;
    private volatile boolean closed;
    /** Null: wait on the current {@link Operation} (cancellable, never past its deadline). */
    private volatile Sleeper sleeper;

    /**
     * @param callTimeout      whole-call deadline of one attempt (connect, send, wait, read the body)
     * @param operationTimeout deadline of one operation across its retries and pauses
     */
    public Transport(String apiUrl, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                     Duration operationTimeout, RetryPolicy retry, long maxResponseBytes, String userAgent,
                     java.time.Clock clock) {
        this.apiUrl = apiUrl;
        this.callTimeout = callTimeout;
        this.operationTimeout = operationTimeout;
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
                .eventListenerFactory(call -> {
                    ConnectionProbe probe = call.request().tag(ConnectionProbe.class);
                    return probe == null ? okhttp3.EventListener.NONE : probe;
                })
                .build();
    }

    /**
     * Called once, with the address, when a plain-http connection goes to a non-loopback address
     * (a host spelled like loopback that resolves elsewhere).
     */
    void onPlainHttpToRemote(java.util.function.Consumer<String> warn) {
        this.plainHttpWarning = warn;
    }

    private volatile java.util.function.Consumer<String> plainHttpWarning;
    private final java.util.concurrent.atomic.AtomicBoolean plainHttpWarned = new java.util.concurrent.atomic.AtomicBoolean();

    private void connecting(java.net.InetSocketAddress address) {
        java.util.function.Consumer<String> warn = plainHttpWarning;
        if (warn != null && address.getAddress() != null && !address.getAddress().isLoopbackAddress()
                && plainHttpWarned.compareAndSet(false, true)) {
            warn.accept(address.getAddress().getHostAddress());
        }
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

    /**
     * Sends with retries and the one re-login; returns 2xx/304 or throws the mapped exception. The
     * whole operation (attempts, pauses, a login inside it) ends within the operation deadline, each
     * attempt within the call deadline, and a {@link Operation#cancel()} from another thread ends it at once.
     */
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
        try (Operation op = Operation.begin(operationTimeout)) {
            return execute(call, body, op);
        }
    }

    private Reply execute(Call call, byte[] body, Operation op) {
        String fullPath = base.encodedPath() + call.path();
        boolean reloggedIn = false;
        boolean staleRetried = false;
        int attempt = 0;
        while (true) {
            attempt++;
            checkLive(op, call, fullPath, null);
            String token = null;
            ConnectionProbe probe = new ConnectionProbe();
            Request.Builder rb = new Request.Builder().url(url(call)).header("User-Agent", userAgent)
                    .header("Accept", "application/json").tag(ConnectionProbe.class, probe);
            if (call.authenticated()) {
                token = tokens.token();
                checkLive(op, call, fullPath, null); // the login may have used up the time
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
            okhttp3.Call httpCall = http.newCall(request);
            long callNanos = Math.min(callTimeout.toNanos(), Math.max(1, op.remainingNanos()));
            httpCall.timeout().timeout(callNanos, TimeUnit.NANOSECONDS);
            op.inFlight(httpCall);
            try (Response response = httpCall.execute()) {
                status = response.code();
                retryAfterHeader = response.header("Retry-After");
                etag = response.header("ETag");
                if (status >= 300 && status < 400 && status != 304) {
                    redirectTarget = redirectTarget(request.url(), response.header("Location"));
                }
                bytes = status == 304 ? new byte[0] : readBounded(response.body(), call, fullPath);
            } catch (IOException e) {
                checkLive(op, call, fullPath, e);
                if (!staleRetried && probe.neverReachedServer()) {
                    // A pooled connection the server (or a proxy) had already closed: the request died
                    // before any byte of an answer, on a socket the server had given up. Nothing was
                    // applied, so even a write is sent again, once, on a fresh connection.
                    staleRetried = true;
                    attempt--;
                    http.connectionPool().evictAll();
                    LOG.log(System.Logger.Level.DEBUG, () -> "resending " + call.method() + " " + fullPath
                            + " on a fresh connection: the pooled one was closed (" + e.getClass().getSimpleName() + ")");
                    continue;
                }
                boolean connectFailure = isConnectFailure(e);
                boolean retryable = connectFailure || (call.kind() == Kind.READ && !(e instanceof UnknownHostException));
                if (retryable && attempt < retry.maxAttempts()) {
                    Duration wait = backoff(attempt);
                    if (fits(op, wait)) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + call.method() + " " + fullPath + " after "
                                + e.getClass().getSimpleName());
                        pause(wait, op, call, fullPath);
                        continue;
                    }
                }
                throw transportFailure(e, call, fullPath, httpCall.timeout().timeoutNanos());
            } finally {
                op.inFlight(null);
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
                Duration pause = wait.isZero() ? backoff(attempt) : wait;
                if (attempt < retry.maxAttempts() && wait.compareTo(retry.maxRetryAfter()) <= 0 && fits(op, pause)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "rate limited on " + fullPath + "; waiting " + wait);
                    pause(pause, op, call, fullPath);
                    continue;
                }
                throw errors.map(call.method(), fullPath, status, bytes, wait, tokens != null && tokens.isServiceToken(),
                        redactor(call, token));
            }
            if (call.kind() == Kind.READ && (status == 502 || status == 503 || status == 504)
                    && attempt < retry.maxAttempts()) {
                Duration wait = retryAfterHeader == null ? backoff(attempt)
                        : min(parseRetryAfter(retryAfterHeader, clock), retry.maxRetryAfter());
                if (fits(op, wait)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + fullPath + " after " + status);
                    pause(wait, op, call, fullPath);
                    continue;
                }
            }
            throw errors.map(call.method(), fullPath, status, bytes, DEFAULT_RETRY_AFTER,
                    tokens != null && tokens.isServiceToken(), redactor(call, token));
        }
    }

    /** Whether a pause of {@code d} still leaves time for another attempt within the operation deadline. */
    private static boolean fits(Operation op, Duration d) {
        return d.toNanos() < op.remainingNanos();
    }

    /** Throws when the operation was cancelled or its deadline has passed. */
    private void checkLive(Operation op, Call call, String fullPath, IOException cause) {
        if (op.cancelled()) {
            throw new TransportException("request to " + hostName + " cancelled",
                    "the operation was stopped (a live view or client was closed)",
                    FailedRequest.unanswered(call.method(), fullPath), cause);
        }
        if (op.remainingNanos() <= 0) {
            throw new TransportException("no complete answer from " + hostName + " within the operation deadline",
                    "the server or a proxy is slow, trickling or unreachable; "
                    + "InfisicalClient.builder().callTimeout(...) and operationTimeout(...) set the limits",
                    FailedRequest.unanswered(call.method(), fullPath), cause);
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

    /**
     * What happened on one attempt's connection: whether it came from the pool (no connect of its
     * own) and whether any byte of an answer arrived. A failure on a pooled connection before any
     * answer means the server had closed that connection: the request never reached it.
     */
    final class ConnectionProbe extends okhttp3.EventListener {
        private volatile boolean connected;
        private volatile boolean acquired;
        private volatile boolean answered;

        @Override
        public void connectStart(okhttp3.Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
            connected = true;
            connecting(address);
        }

        @Override
        public void connectionAcquired(okhttp3.Call call, okhttp3.Connection connection) {
            acquired = true;
        }

        @Override
        public void responseHeadersStart(okhttp3.Call call) {
            answered = true;
        }

        boolean neverReachedServer() {
            return acquired && !connected && !answered;
        }
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

    /** OkHttp's whole-call timeout: an InterruptedIOException "timeout" (a read timeout is a SocketTimeoutException). */
    private static boolean isCallTimeout(IOException e) {
        return e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                && "timeout".equals(e.getMessage());
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

    private InfisicalException transportFailure(IOException e, Call call, String fullPath, long callTimeoutNanos) {
        String what;
        String hint;
        if (isCallTimeout(e)) {
            what = "no complete answer from " + hostName + " within the call deadline of "
                    + TimeUnit.NANOSECONDS.toMillis(callTimeoutNanos) + " ms";
            hint = "the server or a proxy is slow or trickling; InfisicalClient.builder().callTimeout(...) sets the limit";
        } else if (e instanceof UnknownHostException) {
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

    private void pause(Duration d, Operation op, Call call, String fullPath) {
        try {
            Sleeper s = sleeper;
            if (s == null) {
                op.pause(d);
            } else {
                s.sleep(d);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting to retry",
                    "", FailedRequest.unanswered(call.method(), fullPath), e);
        }
        checkLive(op, call, fullPath, null);
    }

    @Override
    public void close() {
        closed = true;
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
