package dev.infisicalpro.examples.plain;

import com.sun.net.httpserver.HttpServer;
import dev.infisicalpro.webhook.WebhookReceiver;
import dev.infisicalpro.webhook.WebhookResult;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Push refresh without a framework: Infisical's webhook served by the JDK's own HTTP server. Any server works
 * the same way: hand the receiver the request headers and the raw body, answer with the status it returns.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder().secretKey(System.getenv("INFISICAL_WEBHOOK_SECRET")).build();
 * receiver.register(live);
 * PushEndpoint endpoint = PushEndpoint.start(new InetSocketAddress(8080), receiver);
 * }</pre>
 */
public final class PushEndpoint implements AutoCloseable {

    private final HttpServer server;

    private PushEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code POST /infisical/webhook} on {@code address}. */
    public static PushEndpoint start(InetSocketAddress address, WebhookReceiver receiver) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/infisical/webhook", exchange -> {
            try {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = WebhookReceiver.readBody(exchange.getRequestBody());
                WebhookResult result = receiver.receive(exchange.getRequestHeaders(), body);
                exchange.sendResponseHeaders(result.httpStatus(), -1);   // answered at once, the refresh runs apart
            } finally {
                exchange.close();
            }
        });
        server.start();
        return new PushEndpoint(server);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
