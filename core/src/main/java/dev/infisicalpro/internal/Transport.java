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
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * HTTP for one client: OkHttp, per-attempt and per-operation deadlines, retries with exponential backoff
 * and full jitter honouring {@code Retry-After} (and the one resend of a request that provably never
 * reached the server), bounded response reading, and error mapping through {@link ErrorMapper}. The
 * bearer token and the one re-login on a rejected token are {@link BearerAuth}'s, an interceptor on the
 * OkHttp client. Not API.
 *
 * <p>Two instances share the OkHttp client (pool, dispatcher) and one lifecycle: the one the constructor
 * makes sends no bearer and carries logins and renewals; {@link #withBearer} makes the one everything
 * else goes through. The login side never needs the token side, so no setter ties them together.
 *
 * <pre>{@code
 * Transport logins = new Transport(apiUrl, ..., clock, null, null);   // no bearer: logins, renewals
 * TokenManager tokens = new TokenManager(Login.of(credentials, logins), clock);
 * Transport api = logins.withBearer(tokens);
 * }</pre>
 *
 * <p>Over 400 lines because one attempt (deadline, connection probe, bounded read) and the retry
 * decision after it use the same local facts (status, whether the request can have reached the server,
 * time left), so the loop stays whole; the {@link Call} and {@link Reply} records live here because every
 * operation class names them. Failure texts and retry timing are apart ({@link TransportFailures},
 * {@link RetryTiming}).
 */
public final class Transport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Fastify's default body limit; a larger body makes Infisical answer 500 (not 413). */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    /** Whether a request may be repeated after an ambiguous failure. */
    public enum Kind {
        /** Safe to repeat: connect errors, timeouts, 429, 502, 503, 504. */
        READ,
        /** Repeated only where the server cannot have applied it: connect failure, 429. */
        WRITE
    }

    /** Sleeps between retries; tests pass one that records instead of waiting. */
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
    /** Null on the login side: no bearer. */
    private final TokenManager tokens;
    /** Null: wait on the current {@link Operation} (cancellable, never past its deadline). */
    private final Sleeper sleeper;
    /** Null: no check; otherwise called once with the address of a plain-http connection to a remote host. */
    private final java.util.function.Consumer<String> plainHttpToRemote;
    // shared by both sides of one client
    private final java.util.concurrent.atomic.AtomicBoolean plainHttpWarned;
    private final java.util.concurrent.atomic.AtomicBoolean closed;

    /**
     * The login side: sends no bearer. {@link #withBearer} makes the side for everything else.
     *
     * @param callTimeout      whole-call deadline of one attempt (connect, send, wait, read the body;
     *                         on the bearer side also getting its token)
     * @param operationTimeout deadline of one operation across its retries and pauses
     * @param sleeper          waits between retries; null to wait on the current {@link Operation}
     * @param plainHttpToRemote called once, with the address, when a plain-http connection goes to a
     *                         non-loopback address (a host spelled like loopback that resolves elsewhere);
     *                         null for no such check
     */
    public Transport(String apiUrl, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                     Duration operationTimeout, RetryPolicy retry, long maxResponseBytes, String userAgent,
                     java.time.Clock clock, Sleeper sleeper, java.util.function.Consumer<String> plainHttpToRemote) {
        this.tokens = null;
        this.sleeper = sleeper;
        this.plainHttpToRemote = plainHttpToRemote;
        this.plainHttpWarned = new java.util.concurrent.atomic.AtomicBoolean();
        this.closed = new java.util.concurrent.atomic.AtomicBoolean();
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
                .addInterceptor(BearerAuth.INTERCEPTOR) // acts only on requests tagged for a bearer
                .build();
    }

    private Transport(Transport logins, TokenManager tokens) {
        this.apiUrl = logins.apiUrl;
        this.base = logins.base;
        this.hostName = logins.hostName;
        this.http = logins.http;
        this.retry = logins.retry;
        this.maxResponseBytes = logins.maxResponseBytes;
        this.userAgent = logins.userAgent;
        this.errors = logins.errors;
        this.clock = logins.clock;
        this.callTimeout = logins.callTimeout;
        this.operationTimeout = logins.operationTimeout;
        this.sleeper = logins.sleeper;
        this.plainHttpToRemote = logins.plainHttpToRemote;
        this.plainHttpWarned = logins.plainHttpWarned;
        this.closed = logins.closed;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * The side of this client that sends {@code tokens}' bearer on authenticated calls: same connections,
     * settings and lifecycle as this one.
     */
    public Transport withBearer(TokenManager tokens) {
        return new Transport(this, tokens);
    }

    private void connecting(java.net.InetSocketAddress address) {
        java.util.function.Consumer<String> warn = plainHttpToRemote;
        if (warn != null && address.getAddress() != null && !address.getAddress().isLoopbackAddress()
                && plainHttpWarned.compareAndSet(false, true)) {
            warn.accept(address.getAddress().getHostAddress());
        }
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
        if (closed.get()) {
            throw new InfisicalException("this InfisicalClient is closed",
                    "create a new client; a closed one has released its connections and cannot be reused");
        }
        if (call.authenticated() && tokens == null) {
            throw new IllegalStateException(call + " needs a bearer: send it through withBearer(...)");
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
        BearerAuth sent = call.authenticated() ? new BearerAuth(tokens) : null;
        boolean staleRetried = false;
        int attempt = 0;
        while (true) {
            attempt++;
            checkLive(op, call, fullPath, null);
            ConnectionProbe probe = new ConnectionProbe();
            Request.Builder rb = new Request.Builder().url(url(call)).header("User-Agent", userAgent)
                    .header("Accept", "application/json").tag(ConnectionProbe.class, probe)
                    .tag(BearerAuth.class, sent);
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
                boolean connectFailure = TransportFailures.isConnectFailure(e);
                boolean retryable = connectFailure || (call.kind() == Kind.READ && !(e instanceof UnknownHostException));
                if (retryable && attempt < retry.maxAttempts()) {
                    Duration wait = RetryTiming.backoff(retry, attempt);
                    if (fits(op, wait)) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + call.method() + " " + fullPath + " after "
                                + e.getClass().getSimpleName());
                        pause(wait, op, call, fullPath);
                        continue;
                    }
                }
                throw TransportFailures.of(e, hostName, call, fullPath, httpCall.timeout().timeoutNanos());
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
            if (status == 429) {
                Duration wait = RetryTiming.retryAfter(retryAfterHeader, clock);
                Duration pause = wait.isZero() ? RetryTiming.backoff(retry, attempt) : wait;
                if (attempt < retry.maxAttempts() && wait.compareTo(retry.maxRetryAfter()) <= 0 && fits(op, pause)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "rate limited on " + fullPath + "; waiting " + wait);
                    pause(pause, op, call, fullPath);
                    continue;
                }
                throw errors.map(call.method(), fullPath, status, bytes, wait, tokens != null && tokens.isServiceToken(),
                        redactor(call, sent));
            }
            if (call.kind() == Kind.READ && (status == 502 || status == 503 || status == 504)
                    && attempt < retry.maxAttempts()) {
                Duration wait = retryAfterHeader == null ? RetryTiming.backoff(retry, attempt)
                        : RetryTiming.min(RetryTiming.retryAfter(retryAfterHeader, clock), retry.maxRetryAfter());
                if (fits(op, wait)) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + fullPath + " after " + status);
                    pause(wait, op, call, fullPath);
                    continue;
                }
            }
            throw errors.map(call.method(), fullPath, status, bytes, RetryTiming.DEFAULT_RETRY_AFTER,
                    tokens != null && tokens.isServiceToken(), redactor(call, sent));
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

    /** What to scrub from this call's error texts: the tokens sent, the credentials, the body's secrets. */
    private Redactor redactor(Call call, BearerAuth sent) {
        List<String> strings = new java.util.ArrayList<>();
        if (sent != null) {
            strings.addAll(sent.sentTokens());
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

        /** Forgets the first send's connection when the interceptor sends the request again. */
        void reset() {
            connected = false;
            acquired = false;
            answered = false;
        }

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
        closed.set(true);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
