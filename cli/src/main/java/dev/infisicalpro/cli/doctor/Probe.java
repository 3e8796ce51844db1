package dev.infisicalpro.cli.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Raw HTTP requests for what the library does not show: the status route, response headers
 * (rate limits, {@code Date}) and the exact reason a connection failed. Every request has a deadline.
 */
final class Probe {

    /** What came back; the body is read only to recognise Infisical's status answer. */
    record Response(int status, Map<String, List<String>> headers, String body, Duration elapsed) {
        Optional<String> header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return Optional.of(e.getValue().get(0));
                }
            }
            return Optional.empty();
        }
    }

    /** A failure to get any answer, with a sentence naming the cause and one naming the fix. */
    static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;
        final String fix;

        Unreachable(String message, String fix, Throwable cause) {
            super(message, cause);
            this.fix = fix;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    Probe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Response get(String url, Optional<String> bearer) throws Unreachable {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("User-Agent", "infisical-pro-doctor");
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body() == null ? "" : r.body();
            return new Response(r.statusCode(), r.headers().map(), body.length() > 65_536 ? body.substring(0, 65_536) : body,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", "run doctor again", e);
        } catch (IOException e) {
            throw explain(url, e);
        }
    }

    /** Names the cause of a failed connection the way a person would look for it. */
    Unreachable explain(String url, IOException e) {
        URI uri = URI.create(url);
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (e instanceof HttpConnectTimeoutException) {
            return new Unreachable("no connection to " + host + " within " + timeout.toSeconds() + " s",
                    "check the host and port, firewalls and proxies between here and the server", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new Unreachable(host + " accepted the connection but did not answer within " + timeout.toSeconds()
                    + " s", "check the server's health (and a proxy in front of it)", e);
        }
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            return new Unreachable("DNS: " + uri.getHost() + " does not resolve",
                    "check the spelling of --host-api (INFISICAL_API_URL) and this machine's DNS", e);
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null || e instanceof SSLHandshakeException) {
            return tls(uri, e);
        }
        if (e instanceof ConnectException || has(e, ConnectException.class)) {
            return new Unreachable("connection refused by " + host + ": nothing listens there",
                    "check the port and that Infisical is running" + (uri.getScheme().equals("https")
                            ? " (and whether it serves https at all)" : ""), e);
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (uri.getScheme().equals("http") && (text.contains("header parser") || text.contains("received no bytes"))) {
            return new Unreachable(host + " did not answer plain HTTP (an https port?)",
                    "use https:// in --host-api", e);
        }
        return new Unreachable("no answer from " + host + " (" + e.getClass().getSimpleName() + ")",
                "check the host, port and network path", e);
    }

    private static Unreachable tls(URI uri, IOException e) {
        String chain = messages(e).toLowerCase(Locale.ROOT);
        if (has(e, CertificateExpiredException.class) || chain.contains("expired")) {
            return new Unreachable("TLS: the certificate of " + uri.getHost() + " has expired",
                    "renew the server's certificate (and check this machine's clock)", e);
        }
        if (has(e, CertificateNotYetValidException.class) || chain.contains("not yet valid")) {
            return new Unreachable("TLS: the certificate of " + uri.getHost() + " is not valid yet",
                    "check this machine's clock (see the clock skew check)", e);
        }
        if (chain.contains("no subject alternative") || chain.contains("no name matching")) {
            return new Unreachable("TLS: the certificate does not name " + uri.getHost(),
                    "use the host name the certificate was issued for in --host-api", e);
        }
        if (chain.contains("pkix") || chain.contains("unable to find valid certification path")) {
            return new Unreachable("TLS: the certificate of " + uri.getHost() + " is not trusted by this JVM "
                    + "(self-signed or a private CA)", "import the CA into a trust store and start with "
                    + "INFISICAL_PRO_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=/path/ca.p12\"", e);
        }
        if (chain.contains("unrecognized ssl message") || chain.contains("plaintext connection")) {
            return new Unreachable("TLS: " + uri.getHost() + " answered plain HTTP on an https:// URL",
                    "use http:// for that port, or the server's TLS port", e);
        }
        return new Unreachable("TLS handshake with " + uri.getHost() + " failed (" + e.getClass().getSimpleName() + ")",
                "check the server's certificate and TLS settings", e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(' ');
        }
        return sb.toString();
    }
}
