package dev.infisicalpro.internal;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.Folders;
import dev.infisicalpro.RetryPolicy;
import dev.infisicalpro.Secrets;
import dev.infisicalpro.ServiceTokenInfo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wires transport, token manager, cache and operations for one client. Not API. */
public final class ClientRuntime {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro");

    /** The library version, from the jar's filtered resource. */
    public static final String VERSION = readVersion();

    private final String apiUrl;
    private final Credentials credentials;
    private final Clock clock;
    private final Transport transport;
    private final ServiceTokenDescription serviceToken;
    private final HttpSecrets secrets;
    private final HttpFolders folders;
    private final Warnings warnings;
    private final AtomicBoolean closed = new AtomicBoolean();

    public ClientRuntime(String host, Credentials credentials, Duration connectTimeout, Duration readTimeout,
                         Duration callTimeout, Duration operationTimeout, RetryPolicy retryPolicy, Clock clock,
                         String userAgent, long maxResponseBytes,
                         Duration responseCacheTtl, Warnings warnings, Transport.Sleeper retrySleeper) {
        this.warnings = java.util.Objects.requireNonNull(warnings, "warnings");
        this.apiUrl = ApiPaths.normaliseHost(host);
        this.credentials = credentials;
        this.clock = clock;
        boolean warned = warnOnPlainHttp(apiUrl, warnings);
        // logins and renewals go without a bearer; everything else through the bearer side (Transport's doc)
        java.util.function.Consumer<String> plainHttpToRemote = null;
        if (!warned && apiUrl.startsWith("http://")) {
            // spelled like loopback: check where it really goes when the first connection is made
            plainHttpToRemote = address -> warnings.warn(LOG, "infisical.host-api " + apiUrl
                    + " uses plain http and resolves to the non-loopback address " + address
                    + ": tokens and secret values travel unencrypted; use https://");
        }
        Transport logins = new Transport(apiUrl, connectTimeout, readTimeout, callTimeout, operationTimeout,
                retryPolicy, maxResponseBytes,
                userAgent + "/" + VERSION, clock, retrySleeper, plainHttpToRemote);
        TokenManager tokens = new TokenManager(dev.infisicalpro.internal.auth.Login.of(credentials, logins), clock);
        this.transport = logins.withBearer(tokens);
        this.serviceToken = new ServiceTokenDescription(credentials, tokens.isServiceToken(), transport, warnings);
        ResponseCache cache = new ResponseCache(responseCacheTtl, clock);
        ProjectResolver projects = new ProjectResolver(transport, serviceToken);
        this.folders = new HttpFolders(transport, projects, cache);
        this.secrets = new HttpSecrets(transport, serviceToken, projects, cache, folders);
    }

    /** Warns when the host is plainly not loopback; true when it warned. */
    private static boolean warnOnPlainHttp(String apiUrl, Warnings warnings) {
        Transport.UrlParts url = Transport.parseUrl(apiUrl).orElseThrow();
        if (!"http".equals(url.scheme())) {
            return false;
        }
        String h = url.host().toLowerCase(Locale.ROOT);
        // an IPv4 literal 127.x.y.z, not any name that starts with "127." (127.evil.example is a DNS name)
        boolean loopback = h.equals("localhost") || isIpv4Loopback(h)
                || h.equals("[::1]") || h.equals("::1") || h.endsWith(".localhost");
        if (!loopback) {
            warnings.warn(LOG, "infisical.host-api " + apiUrl + " uses plain http to a non-loopback "
                    + "host: tokens and secret values travel unencrypted; use https://");
            return true;
        }
        return false;
    }

    /** {@code 127.x.y.z} with 1 to 3 ASCII digits per part (what the regex {@code 127(\.\d{1,3}){3}} matched). */
    static boolean isIpv4Loopback(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return false;
            }
            for (int k = 0; k < part.length(); k++) {
                if (part.charAt(k) < '0' || part.charAt(k) > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    // the jar manifest's Implementation-Version (read by the class loader anyway) before version.properties:
    // reading a resource from a jar costs a JarURLConnection and about 14 JDK classes before the first value
    private static String readVersion() {
        String fromManifest = ClientRuntime.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest.trim();
        }
        try (InputStream in = ClientRuntime.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "dev";
    }

    public Secrets secrets() {
        return secrets;
    }

    public Folders folders() {
        return folders;
    }

    public Optional<ServiceTokenInfo> serviceTokenInfo() {
        return serviceToken.serviceTokenInfo();
    }

    public String apiUrl() {
        return apiUrl;
    }

    public Clock clock() {
        return clock;
    }

    /** Where warnings of this client and of the live views built on it go. */
    public Warnings warnings() {
        return warnings;
    }

    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return apiUrl + ", " + credentials;
    }
}
