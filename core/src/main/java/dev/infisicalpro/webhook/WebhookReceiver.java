package dev.infisicalpro.webhook;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.Subscription;
import dev.infisicalpro.internal.Json;
import dev.infisicalpro.internal.webhook.Hmac;
import dev.infisicalpro.internal.webhook.ReplayCache;
import dev.infisicalpro.internal.webhook.ViewMatcher;
import dev.infisicalpro.webhook.WebhookResult.IgnoreReason;
import dev.infisicalpro.webhook.WebhookResult.RejectReason;

import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

// Over 400 lines because verifying a delivery (signature, timestamp window, body, replays), choosing the
// views it concerns and scheduling their refreshes is one request path with shared counters; the pieces
// that stand alone already live in internal.webhook (Hmac, ReplayCache, ViewMatcher). About a third is
// Javadoc.
/**
 * Receives Infisical's project webhooks and refreshes the {@link LiveSecrets} views they concern at once,
 * off the request thread. Framework-neutral: give it the {@code x-infisical-signature} header and the raw
 * body bytes, answer with {@link WebhookResult#httpStatus()}.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .secretKey(System.getenv("INFISICAL_WEBHOOK_SECRET"))
 *         .build();
 * Subscription s = receiver.register(live);          // live views to refresh on a push
 *
 * // JDK HttpServer (any server works the same way):
 * server.createContext("/infisical/webhook", exchange -> {
 *     WebhookResult r = receiver.receive(exchange.getRequestHeaders(), WebhookReceiver.readBody(exchange.getRequestBody()));
 *     exchange.sendResponseHeaders(r.httpStatus(), -1);
 *     exchange.close();
 * });
 * }</pre>
 *
 * <p>Checks, in order (each failure is a {@link WebhookResult.Rejected} with a typed reason): body at most
 * {@link #MAX_BODY_BYTES}; header present and shaped {@code t=<epoch millis>;<64 hex>}; timestamp within
 * the {@linkplain Builder#tolerance tolerance} (default ±5 min) of the clock; HMAC-SHA256 of the raw body
 * equal, in constant time, to one of the keys' (several keys allow rotating the key without a gap); body a
 * webhook object whose {@code timestamp} equals the header's (the header itself is not signed). Then a
 * delivery already seen (Infisical retries the very same request, a replay repeats it) is
 * {@linkplain IgnoreReason#DUPLICATE ignored}; a test delivery refreshes nothing; other events refresh every
 * registered view of the same project and environment that reads the changed folder, a folder below it, or
 * imports it (views named by slug or by their service token count as the same project). A refresh already
 * queued for a view is not queued twice.
 *
 * <p>Logs (through {@link System.Logger}) the event type, environment and folder, never a key or a signature.
 * Delivery is at most once on Infisical's side: keep a slow {@code resyncInterval} as the safety net.
 */
public final class WebhookReceiver {

    /** Largest body accepted (Infisical's deliveries are a few hundred bytes). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.webhook");

    private final List<SecretKeySpec> keys;
    private final Clock clock;
    private final Duration tolerance;
    private final Executor executor;
    private final Supplier<? extends Collection<LiveSecrets>> viewSource;
    private final Consumer<WebhookEvent> forwarder;
    private final ReplayCache replays;
    private final List<LiveSecrets> registered = new CopyOnWriteArrayList<>();
    private final Set<LiveSecrets> queued = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<WebhookStats.Push> lastPush = new AtomicReference<>();
    private final AtomicReference<WebhookStats.Rejection> lastRejection = new AtomicReference<>();

    private WebhookReceiver(Builder b) {
        this.keys = b.keys.stream().map(Hmac::key).toList();
        this.clock = b.clock;
        this.tolerance = b.tolerance;
        this.executor = b.executor != null ? b.executor : defaultExecutor();
        this.viewSource = b.viewSource;
        this.forwarder = b.forwarder;
        this.replays = new ReplayCache(b.replayCapacity);
    }

    /**
     * A builder; at least one {@link Builder#secretKey secret key} is required.
     *
     * @return a builder with the defaults described on its setters
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a request body, stopping one byte past {@link #MAX_BODY_BYTES} so that an oversized body is
     * recognised without being read whole. Does not close the stream.
     *
     * @param in the request body stream
     * @return at most {@code MAX_BODY_BYTES + 1} bytes
     * @throws IOException when reading the stream fails
     */
    public static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[8192];
        int n;
        while (out.size() <= MAX_BODY_BYTES && (n = in.read(buf, 0, Math.min(buf.length, MAX_BODY_BYTES + 1 - out.size()))) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Handles one request given all its headers (names case-insensitive, as JDK {@code HttpServer}, JAX-RS
     * and Spring hand them over).
     *
     * @param headers the request's headers
     * @param body the raw request body, as signed
     * @return what to answer Infisical and what was done
     */
    public WebhookResult receive(Map<String, ? extends List<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Optional<String> signature = Optional.empty();
        for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(WebhookSignature.HEADER)
                    && e.getValue() != null && !e.getValue().isEmpty()) {
                signature = Optional.ofNullable(e.getValue().get(0));
                break;
            }
        }
        return receive(signature, body);
    }

    /**
     * Handles one request given its {@code x-infisical-signature} header (empty when absent) and raw body.
     * Answers at once; refreshes run on the receiver's executor.
     *
     * @param signatureHeader the {@code x-infisical-signature} header, or empty
     * @param body the raw request body, as signed
     * @return what to answer Infisical and what was done
     */
    public WebhookResult receive(Optional<String> signatureHeader, byte[] body) {
        Objects.requireNonNull(signatureHeader, "signatureHeader");
        Objects.requireNonNull(body, "body");
        WebhookResult result = verifyAndDispatch(signatureHeader, body);
        if (result instanceof WebhookResult.Rejected r) {
            rejected.incrementAndGet();
            lastRejection.set(new WebhookStats.Rejection(clock.instant(), r.reason()));
            LOG.log(System.Logger.Level.WARNING, "Infisical webhook rejected: {0} (answered {1})", r.reason(),
                    r.httpStatus());
        } else {
            received.incrementAndGet();
            WebhookEvent event = eventOf(result);
            lastPush.set(new WebhookStats.Push(clock.instant(), event, outcome(result)));
            LOG.log(System.Logger.Level.DEBUG, "Infisical webhook {0}: {1}", event, outcome(result));
        }
        return result;
    }

    private WebhookResult verifyAndDispatch(Optional<String> signatureHeader, byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return new WebhookResult.Rejected(RejectReason.OVERSIZED);
        }
        if (signatureHeader.isEmpty() || signatureHeader.get().isBlank()) {
            return new WebhookResult.Rejected(RejectReason.UNSIGNED);
        }
        Header header = Header.parse(signatureHeader.get().trim());
        if (header == null) {
            return new WebhookResult.Rejected(RejectReason.MALFORMED_SIGNATURE);
        }
        long now = clock.millis();
        if (Math.abs(now - header.millis) > tolerance.toMillis()) {
            return new WebhookResult.Rejected(RejectReason.STALE);
        }
        boolean signed = false;
        for (SecretKeySpec key : keys) {
            signed |= Hmac.matches(Hmac.mac(key, body), header.mac);   // every key tried: no early exit
        }
        if (!signed) {
            return new WebhookResult.Rejected(RejectReason.BAD_SIGNATURE);
        }
        WebhookEvent event = parse(body);
        if (event == null) {
            return new WebhookResult.Rejected(RejectReason.MALFORMED_BODY);
        }
        if (event.timestamp().toEpochMilli() != header.millis) {
            return new WebhookResult.Rejected(RejectReason.TIMESTAMP_MISMATCH);
        }
        if (!replays.firstSeen(header.mac, header.millis + tolerance.toMillis(), now)) {
            return new WebhookResult.Ignored(event, IgnoreReason.DUPLICATE);
        }
        if (event.isTest()) {
            return new WebhookResult.Ignored(event, IgnoreReason.TEST_EVENT);
        }
        WebhookResult local = refresh(event);
        if (forwarder != null) {
            forward(event);
        }
        return local;
    }

    // after the local refreshes were queued, on the same executor: a slow or unreachable bus never holds up
    // the answer to Infisical (which gives up after 15 s and would retry)
    private void forward(WebhookEvent event) {
        try {
            executor.execute(() -> {
                try {
                    forwarder.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "forwarding the webhook for {0}:{1} failed: {2}",
                            event.environment(), event.secretPath(), e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException rejectedByExecutor) {
            LOG.log(System.Logger.Level.WARNING, "forwarding the webhook for {0}:{1} could not be scheduled: {2}",
                    event.environment(), event.secretPath(), rejectedByExecutor.getClass().getSimpleName());
        }
    }

    /**
     * Refreshes (off the calling thread) the views an already verified event concerns; what the recipients of
     * a {@linkplain Builder#forwardTo forwarded} event call on the other instances.
     *
     * @param event a delivery another instance verified
     * @return {@link WebhookResult.Accepted} with the number of views scheduled, or
     *         {@link WebhookResult.Ignored} when none matched
     */
    public WebhookResult refresh(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        List<LiveSecrets> views = views();
        List<LiveSecrets> sameProject = views.stream().filter(v -> ViewMatcher.sameProject(v, event.projectId())).toList();
        if (!views.isEmpty() && sameProject.isEmpty()) {
            return new WebhookResult.Ignored(event, IgnoreReason.OTHER_PROJECT);
        }
        List<LiveSecrets> matching = sameProject.stream()
                .filter(v -> ViewMatcher.concerns(v, event.environment(), event.secretPath())).toList();
        if (matching.isEmpty()) {
            return new WebhookResult.Ignored(event, IgnoreReason.NO_MATCHING_VIEW);
        }
        if (WebhookEvent.ROTATION_FAILED.equals(event.type())) {
            LOG.log(System.Logger.Level.WARNING, "Infisical reports a failed secret rotation in {0}:{1}; refreshing"
                    + " {2} live view(s) in case part of it was applied", event.environment(), event.secretPath(),
                    matching.size());
        }
        matching.forEach(this::schedule);
        return new WebhookResult.Accepted(event, matching.size());
    }

    /**
     * Adds a live view to refresh on matching pushes (besides the builder's {@linkplain Builder#views view
     * source}); closing the returned handle removes it. A closed view is skipped.
     *
     * @param view the live view to refresh on matching pushes
     * @return the handle that removes it again
     */
    public Subscription register(LiveSecrets view) {
        Objects.requireNonNull(view, "view");
        registered.add(view);
        return () -> registered.remove(view);
    }

    /**
     * Counters and the last push received, for health endpoints.
     *
     * @return received and rejected counts and the last push and rejection
     */
    public WebhookStats stats() {
        return new WebhookStats(received.get(), rejected.get(), Optional.ofNullable(lastPush.get()),
                Optional.ofNullable(lastRejection.get()));
    }

    @Override
    public String toString() {
        return "WebhookReceiver[keys=" + keys.size() + ", tolerance=" + tolerance + ", views=" + views().size() + "]";
    }

    private List<LiveSecrets> views() {
        List<LiveSecrets> out = new ArrayList<>(registered);
        if (viewSource != null) {
            Collection<LiveSecrets> more = viewSource.get();
            if (more != null) {
                for (LiveSecrets v : more) {
                    if (v != null && out.stream().noneMatch(o -> o == v)) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    private void schedule(LiveSecrets view) {
        if (!queued.add(view)) {
            return;   // a refresh of it is queued and has not started: it will see this change too
        }
        try {
            executor.execute(() -> {
                queued.remove(view);   // before refreshing: a push arriving meanwhile queues one more
                try {
                    view.refreshNow();
                } catch (IllegalStateException closed) {
                    registered.remove(view);
                } catch (RuntimeException e) {
                    // the view keeps its last good values and reports the failure in status(); type only here
                    LOG.log(System.Logger.Level.WARNING, "push refresh of {0} failed: {1}", view.query(),
                            e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException rejectedByExecutor) {
            queued.remove(view);
            LOG.log(System.Logger.Level.WARNING, "push refresh of {0} could not be scheduled: {1}", view.query(),
                    rejectedByExecutor.getClass().getSimpleName());
        }
    }

    private static WebhookEvent eventOf(WebhookResult r) {
        if (r instanceof WebhookResult.Accepted a) {
            return a.event();
        }
        return ((WebhookResult.Ignored) r).event();
    }

    private static String outcome(WebhookResult r) {
        if (r instanceof WebhookResult.Accepted a) {
            return "refreshing " + a.views() + " view(s)";
        }
        return "ignored (" + ((WebhookResult.Ignored) r).reason() + ")";
    }

    // one daemon thread, started on demand and gone after a minute idle: nothing to close
    private static Executor defaultExecutor() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "infisical-webhook-refresh");
                    t.setDaemon(true);
                    t.setContextClassLoader(WebhookReceiver.class.getClassLoader());
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Parses a verified body; {@code null} when it is not a webhook object. */
    private static WebhookEvent parse(byte[] body) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(body);
        } catch (Json.MalformedJsonException e) {
            return null;
        }
        Optional<String> type = Json.string(root, "event");
        Optional<Map<String, Object>> project = Json.object(root, "project");
        long timestamp = Json.number(root, "timestamp", Long.MIN_VALUE);
        if (type.isEmpty() || type.get().isBlank() || project.isEmpty() || timestamp == Long.MIN_VALUE) {
            return null;
        }
        Optional<String> projectId = Json.string(project.get(), "workspaceId")
                .or(() -> Json.string(project.get(), "projectId")).filter(s -> !s.isBlank());
        Optional<String> environment = Json.string(project.get(), "environment").filter(s -> !s.isBlank());
        if (projectId.isEmpty() || environment.isEmpty()) {
            return null;
        }
        String path = Json.string(project.get(), "secretPath").orElse("");
        return new WebhookEvent(type.get(), projectId.get(), environment.get(), path, Instant.ofEpochMilli(timestamp));
    }

    /** {@code t=<epoch millis>;<hex>}. */
    private record Header(long millis, byte[] mac) {
        static Header parse(String value) {
            int semi = value.indexOf(';');
            if (!value.startsWith("t=") || semi < 3 || semi > 20) {
                return null;
            }
            long millis;
            try {
                millis = Long.parseLong(value.substring(2, semi));
            } catch (NumberFormatException e) {
                return null;
            }
            byte[] mac = Hmac.decode(value.substring(semi + 1));
            return millis < 0 || mac == null ? null : new Header(millis, mac);
        }
    }

    /**
     * Configures a {@link WebhookReceiver}.
     *
     * <pre>{@code
     * WebhookReceiver.builder()
     *         .secretKey(newKey).secretKey(oldKey)          // both accepted while Infisical's webhook is switched
     *         .tolerance(Duration.ofMinutes(5))
     *         .views(() -> myLiveViews)
     *         .build();
     * }</pre>
     *
     * <p>Like every builder of this library, a setter refuses a bad argument at once: {@code null} with
     * {@link NullPointerException}, a value out of range with {@link IllegalArgumentException}; {@link #build()}
     * refuses a missing required setting with {@link ValidationException}.
     */
    public static final class Builder {
        private final List<String> keys = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration tolerance = Duration.ofMinutes(5);
        private Executor executor;
        private Supplier<? extends Collection<LiveSecrets>> viewSource;
        private Consumer<WebhookEvent> forwarder;
        private int replayCapacity = 10_000;

        private Builder() {
        }

        /**
         * A key the webhook may be signed with (the "secret key" of Infisical's webhook settings; surrounding
         * whitespace is ignored, as Infisical ignores it). Call again to accept several, e.g. during a rotation.
         *
         * @param value the webhook's secret key
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder secretKey(String value) {
            Objects.requireNonNull(value, "secret key");
            if (value.isBlank()) {
                throw new IllegalArgumentException("webhook secret key is blank: pass the key entered in Infisical's"
                        + " webhook settings");
            }
            keys.add(value);
            return this;
        }

        /**
         * Time source for the staleness check (default: the system clock).
         *
         * @param value the clock deliveries' timestamps are compared with
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How far a delivery's timestamp may be from the clock, either way (default 5 minutes). Infisical's
         * own retries come within 15 s of the first attempt.
         *
         * @param value a positive duration of at most one hour
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero, negative or longer than an hour
         */
        public Builder tolerance(Duration value) {
            Objects.requireNonNull(value, "tolerance");
            if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("webhook tolerance " + value + " is out of range: use a positive"
                        + " duration of at most 1 hour, e.g. 5 minutes");
            }
            this.tolerance = value;
            return this;
        }

        /**
         * Where refreshes run (default: one library daemon thread, started on demand).
         *
         * @param value the executor; the caller owns it
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Live views to consider at each push, asked anew every time (for frameworks whose views come and
         * go); added to those {@linkplain WebhookReceiver#register registered}.
         *
         * @param value supplies the current views at each push
         * @return this builder
         */
        public Builder views(Supplier<? extends Collection<LiveSecrets>> value) {
            this.viewSource = Objects.requireNonNull(value, "views");
            return this;
        }

        /**
         * Also hands each verified delivery (test deliveries and duplicates excepted) to {@code value}, e.g. to
         * publish it on a message bus whose recipients on the other instances call
         * {@link WebhookReceiver#refresh(WebhookEvent)}. Runs on the receiver's executor after this instance's
         * refreshes were queued, so the answer to Infisical never waits for it.
         *
         * @param value receives each verified delivery
         * @return this builder
         */
        public Builder forwardTo(Consumer<WebhookEvent> value) {
            this.forwarder = Objects.requireNonNull(value, "forwarder");
            return this;
        }

        /**
         * Most recent signatures remembered to drop replays (default 10 000).
         *
         * @param value how many signatures to remember, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder replayCapacity(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("replay capacity " + value + " is below 1: use e.g. 10000");
            }
            this.replayCapacity = value;
            return this;
        }

        /**
         * Builds the receiver.
         *
         * @return the receiver
         * @throws ValidationException without a secret key
         */
        public WebhookReceiver build() {
            if (keys.isEmpty()) {
                throw new ValidationException("no webhook secret key given",
                        "set the secret key of Infisical's webhook (infisical.webhook.secret, INFISICAL_WEBHOOK_SECRET):"
                                + " unsigned webhooks are refused");
            }
            return new WebhookReceiver(this);
        }
    }
}
