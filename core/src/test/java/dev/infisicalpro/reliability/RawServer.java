package dev.infisicalpro.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on a loopback socket whose answers are written byte by byte by the test:
 * for the faults a well-behaved server (WireMock, FakeInfisical) cannot produce — a trickled body,
 * a hang after the headers, a reset mid-body, a keep-alive connection closed behind the client's back.
 * Every request is recorded. Its threads are daemons named {@code raw-server-*} and end on {@link #close()}.
 * The one copy for all modules: core's test-jar carries it to the adapters' fault tests.
 *
 * <pre>{@code
 * try (RawServer server = RawServer.start(ex -> { ex.hangAfterHeaders(); return false; })) {
 *     // point a client at server.url()
 * }
 * }</pre>
 */
public final class RawServer implements AutoCloseable {

    /** One parsed request and the socket to answer on. */
    public static final class Exchange {
        public final String method;
        public final String target;
        public final Map<String, String> headers;
        public final byte[] body;
        public final Socket socket;
        public final OutputStream out;
        /** 1 for the first request on this connection, 2 for the next, ... */
        public final int onConnection;

        Exchange(String method, String target, Map<String, String> headers, byte[] body, Socket socket,
                 OutputStream out, int onConnection) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
            this.socket = socket;
            this.out = out;
            this.onConnection = onConnection;
        }

        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A complete answer with Content-Length, keeping the connection open. */
        public void respond(int status, String contentType, String body, String... extraHeaders) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder h = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
            if (contentType != null) {
                h.append("Content-Type: ").append(contentType).append("\r\n");
            }
            for (String extra : extraHeaders) {
                h.append(extra).append("\r\n");
            }
            h.append("Content-Length: ").append(b.length).append("\r\n\r\n");
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
        }

        public void json(int status, String body, String... extraHeaders) throws IOException {
            respond(status, "application/json; charset=utf-8", body, extraHeaders);
        }

        public void raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /**
         * A 200 with headers that promise a JSON body, then nothing until the client gives up or the server
         * closes (a backend that stalls after a proxy has sent the headers).
         */
        public void hangAfterHeaders() throws IOException {
            raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
            hang();
        }

        /** Blocks until the client goes away or the server closes (a server that never answers). */
        public void hang() {
            try {
                InputStream in = socket.getInputStream();
                while (in.read() != -1) {
                    // discard
                }
            } catch (IOException e) {
                // client or server closed the socket
            }
        }

        /** Sends {@code text} one byte per {@code millis} ms (a slowloris proxy); stops when the client leaves. */
        public void trickle(String text, long millis) throws IOException {
            for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
                out.write(b);
                out.flush();
                sleep(millis);
            }
        }
    }

    /** Answers one request; throwing (or returning without writing) closes the connection. */
    @FunctionalInterface
    public interface Handler {
        /** @return true to keep the connection open for another request */
        boolean handle(Exchange exchange) throws Exception;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private RawServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "raw-server-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawServer start(Handler handler) {
        try {
            return new RawServer(handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** "METHOD path" of every request received, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public long count(String method, String path) {
        return requests().stream().filter(r -> r.equals(method + " " + path)).count();
    }

    public int connections() {
        return connections.get();
    }

    /** Closes every open connection (as a proxy whose keep-alive ran out would), keeps listening. */
    public void dropConnections() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            sockets.add(s);
            Thread t = new Thread(() -> serve(s), "raw-server-conn-" + server.getLocalPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int n = 0;
            while (!closed) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                String h;
                while ((h = line(in)) != null && !h.isEmpty()) {
                    int c = h.indexOf(':');
                    headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                byte[] body = in.readNBytes(length);
                String[] parts = requestLine.split(" ");
                Exchange ex = new Exchange(parts[0], parts[1], headers, body, s, out, ++n);
                requests.add(parts[0] + " " + ex.path());
                if (!handler.handle(ex)) {
                    return;
                }
            }
        } catch (SocketException e) {
            // client went away
        } catch (Exception e) {
            // the handler chose to end the connection
        } finally {
            sockets.remove(s);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // ignore
        }
        dropConnections();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
