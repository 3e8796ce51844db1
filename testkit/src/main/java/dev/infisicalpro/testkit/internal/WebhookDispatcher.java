package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.WebhookDelivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook deliveries as the real server makes them: a change is announced after a delay (the real
 * server's queue takes ~2.1 s), rapid changes to one folder coalesce into one event, an event fires
 * every enabled webhook of the environment whose picomatch glob matches the folder, and then, one
 * delay later, the webhooks of folders importing it or referencing its secrets. Each delivery is one
 * POST of compact JSON, signed with HMAC-SHA256 when the webhook has a key, tried up to four times on
 * a 5xx or network error (200/400/800 ms apart) within 15 s, then dropped. All of it runs on daemon
 * threads, never on a request thread. Not API.
 *
 * <p>Over 400 lines because scheduling, coalescing, dependants, signing, sending with retries and the
 * recorded attempts are one delivery pipeline with one shared lifecycle.
 */
public final class WebhookDispatcher implements Store.ChangeListener {

    /** The real server's queue delay between a write and its delivery (observed median). */
    public static final Duration REAL_DELAY = Duration.ofMillis(2100);
    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    static final Duration DEADLINE = Duration.ofSeconds(15);
    /** Import/reference hops followed from one change (the server's import depth limit). */
    static final int MAX_HOPS = 5;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Store store;
    private final Generation generation;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    /** Folder keys with an event scheduled and not yet fired (guarded by the store lock). */
    private final Set<String> pending = new HashSet<>();
    /** Events scheduled plus deliveries under way; zero = idle. */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private ScheduledExecutorService scheduler;
    private ExecutorService senders;
    private HttpClient client;
    private boolean closed;

    public WebhookDispatcher(Store store, Generation generation) {
        this.store = store;
        this.generation = generation;
    }

    public void delay(Duration d) {
        this.delay = d;
    }

    public Duration delay() {
        return delay;
    }

    // ------------------------------------------------------------------ events

    @Override
    public void changed(List<Store.Folder> folders) {
        for (Store.Folder f : folders) {
            schedule(f.env, f.path(), 0);
        }
    }

    /** Schedules an event for a folder unless one is already pending (coalescing). Caller holds the store lock. */
    private void schedule(Store.Env env, String path, int hop) {
        String key = env.project.id + "\u0000" + env.slug + "\u0000" + path;
        if (!pending.add(key)) {
            return;
        }
        ScheduledExecutorService s = scheduler();
        if (s == null) {
            pending.remove(key);
            return;
        }
        busy.incrementAndGet();
        s.schedule(() -> fire(env, path, key, hop), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire(Store.Env env, String path, String key, int hop) {
        try {
            List<Outgoing> out = new ArrayList<>();
            synchronized (store) {
                pending.remove(key);
                if (env.project.envs.get(env.slug) != env || store.projects.get(env.project.id) != env.project) {
                    return; // project or environment gone
                }
                for (Store.Webhook w : env.project.webhooks.values()) {
                    if (w.env == env && !w.disabled && Glob.matches(path, w.secretPath)) {
                        out.add(new Outgoing(w, body("secrets.modified", env, path)));
                    }
                }
                if (hop < MAX_HOPS) {
                    for (Store.Folder f : dependents(env, path)) {
                        schedule(f.env, f.path(), hop + 1);
                    }
                }
            }
            for (Outgoing o : out) {
                busy.incrementAndGet();
                ExecutorService ex = senders();
                if (ex == null) {
                    busy.decrementAndGet();
                    continue;
                }
                ex.execute(() -> {
                    try {
                        send(o, BACKOFF.size() + 1);
                    } finally {
                        busy.decrementAndGet();
                    }
                });
            }
        } finally {
            busy.decrementAndGet();
            signal();
        }
    }

    /** Folders of the project that import {@code env:path} or hold a secret referencing a secret there. */
    private List<Store.Folder> dependents(Store.Env env, String path) {
        List<Store.Folder> out = new ArrayList<>();
        for (Store.Env e : env.project.envs.values()) {
            walk(e.root, f -> {
                boolean depends = f.imports.stream().anyMatch(i -> i.envSlug.equals(env.slug) && i.path.equals(path));
                if (!depends) {
                    depends = f.secrets.stream().anyMatch(s -> references(s.value, f, env.slug, path));
                }
                if (depends && !(f.env == env && f.path().equals(path))) {
                    out.add(f);
                }
            });
        }
        return out;
    }

    private static void walk(Store.Folder f, java.util.function.Consumer<Store.Folder> visit) {
        visit.accept(f);
        for (Store.Folder c : f.children.values()) {
            walk(c, visit);
        }
    }

    /** Whether {@code value} holds {@code ${KEY}} / {@code ${env.a.b.KEY}} pointing into {@code env:path}. */
    private static boolean references(String value, Store.Folder from, String env, String path) {
        if (value == null || !value.contains("${")) {
            return false;
        }
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            String[] parts = m.group(1).trim().split("\\.", -1);
            if (parts.length == 1) {
                if (from.env.slug.equals(env) && from.path().equals(path)) {
                    return true;
                }
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < parts.length - 1; i++) {
                if (!parts[i].isEmpty()) {
                    sb.append('/').append(parts[i]);
                }
            }
            String refPath = sb.length() == 0 ? "/" : sb.toString();
            if (parts[0].equals(env) && refPath.equals(path)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ bodies

    /** The real body, compact, key order as the server's JSON.stringify writes it. Caller holds the store lock. */
    String body(String event, Store.Env env, String secretPath) {
        ObjectNode o = mapper.createObjectNode();
        o.put("event", event);
        ObjectNode p = o.putObject("project");
        p.put("workspaceId", env.project.id);
        if (generation == Generation.CURRENT) {
            p.put("projectId", env.project.id);
            p.put("projectName", env.project.name);
        }
        p.put("environment", env.slug);
        if (generation == Generation.CURRENT) {
            p.put("environmentName", env.name);
        }
        p.put("secretPath", secretPath);
        o.put("timestamp", store.clock.millis());
        try {
            return mapper.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code x-infisical-signature} value for a body, or empty when the webhook has no key. */
    public static Optional<String> signature(String trimmedKey, String body) {
        if (trimmedKey.isEmpty()) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(trimmedKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String hex = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            long t = timestampOf(body);
            return Optional.of("t=" + t + ";" + hex);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long timestampOf(String body) {
        int i = body.lastIndexOf("\"timestamp\":");
        String digits = body.substring(i + 12).replaceAll("[^0-9].*$", "");
        return Long.parseLong(digits);
    }

    // ------------------------------------------------------------------ sending

    private record Outgoing(Store.Webhook hook, String body) {
    }

    /** The test event of a webhook: one attempt, on the calling thread (the real route waits for it too). */
    public WebhookDelivery test(String webhookId) {
        Outgoing o;
        synchronized (store) {
            Store.Webhook w = find(webhookId);
            if (w == null) {
                throw new IllegalArgumentException("no webhook with id " + webhookId);
            }
            o = new Outgoing(w, body("test", w.env, w.secretPath));
        }
        WebhookDelivery d = send(o, 1);
        if (d == null) {
            throw new IllegalStateException("the fake is closed");
        }
        return d;
    }

    public Store.Webhook find(String id) {
        for (Store.Project p : store.projects.values()) {
            Store.Webhook w = p.webhooks.get(id);
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    /** Sends with retries; returns the last attempt. */
    private WebhookDelivery send(Outgoing o, int maxAttempts) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Optional<String> sig = signature(o.hook.secretKey, o.body);
        String event = o.body.startsWith("{\"event\":\"test\"") ? "test" : "secrets.modified";
        WebhookDelivery last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || closed()) {
                break;
            }
            java.time.Instant sentAt = store.clock.instant();
            int status = 0;
            String error = null;
            try {
                HttpRequest.Builder rb = HttpRequest.newBuilder(o.hook.url)
                        .timeout(Duration.ofNanos(remaining))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(o.body, StandardCharsets.UTF_8));
                sig.ifPresent(v -> rb.header("x-infisical-signature", v));
                HttpClient c = client();
                if (c == null) {
                    break;
                }
                status = c.send(rb.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (IllegalArgumentException e) {
                error = "invalid URL: " + e.getMessage();
            }
            last = new WebhookDelivery(o.hook.id, o.hook.url, event, o.body, sig, attempt, sentAt, status,
                    Optional.ofNullable(error));
            record(last);
            boolean success = status >= 200 && status < 300;
            o.hook.lastStatus = success ? "success" : "failed";
            o.hook.lastRunErrorMessage = success ? null
                    : error != null ? error : "Request failed with status code " + status;
            boolean retry = (status == 0 || status >= 500) && !Thread.currentThread().isInterrupted();
            if (!retry || attempt == maxAttempts) {
                break;
            }
            long pause = BACKOFF.get(attempt - 1).toNanos();
            if (deadline - System.nanoTime() <= pause) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return last;
    }

    private void record(WebhookDelivery d) {
        synchronized (deliveries) {
            deliveries.add(d);
            deliveries.notifyAll();
        }
    }

    private void signal() {
        synchronized (deliveries) {
            deliveries.notifyAll();
        }
    }

    public List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    public void clear() {
        synchronized (deliveries) {
            deliveries.clear();
        }
    }

    public List<WebhookDelivery> await(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (deliveries) {
            while (deliveries.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(deliveries, left);
            }
            return List.copyOf(deliveries);
        }
    }

    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (deliveries) {
            while (busy.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // deliveries under way finish with a record(); a fired event with signal()
                TimeUnit.NANOSECONDS.timedWait(deliveries, Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            }
            return true;
        }
    }

    // ------------------------------------------------------------------ lifecycle

    private synchronized boolean closed() {
        return closed;
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (closed) {
            return null;
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(daemon("fake-infisical-webhook-queue"));
        }
        return scheduler;
    }

    private synchronized ExecutorService senders() {
        if (closed) {
            return null;
        }
        if (senders == null) {
            senders = Executors.newCachedThreadPool(daemon("fake-infisical-webhook-sender"));
        }
        return senders;
    }

    private synchronized HttpClient client() {
        if (closed) {
            return null;
        }
        if (client == null) {
            // HTTP/1.1 like the real server's axios; no h2c upgrade dance with small test receivers
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(DEADLINE).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public void close() {
        ScheduledExecutorService s;
        ExecutorService x;
        synchronized (this) {
            closed = true;
            s = scheduler;
            x = senders;
        }
        if (s != null) {
            s.shutdownNow();
        }
        if (x != null) {
            x.shutdownNow();
        }
        busy.set(0);
        signal();
    }
}
