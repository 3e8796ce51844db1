package dev.infisicalpro.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A tiny JDK-HttpClient helper for the tests (deliberately not our core client). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String root;

    Http(FakeInfisical fake) {
        this.root = fake.url();
    }

    Http(String root) {
        this.root = root;
    }

    /** A response with its body parsed when it is JSON. */
    record Res(int status, String text, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String message() {
            return json().path("message").asText();
        }

        String error() {
            return json().path("error").asText();
        }
    }

    static String q(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    Res get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, token, null, null, Map.of());
    }

    Res get(String pathAndQuery, String token, Map<String, String> headers) {
        return send("GET", pathAndQuery, token, null, null, headers);
    }

    Res json(String method, String path, String token, Object body) {
        String text;
        try {
            text = body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(method, path, token, text, "application/json", Map.of());
    }

    Res send(String method, String path, String token, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Res(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Universal-auth login; returns the access token. */
    String login(UniversalAuthCredentials ua) {
        Res r = json("POST", "/api/v1/auth/universal-auth/login", null,
                Map.of("clientId", ua.clientId(), "clientSecret", ua.clientSecret()));
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.text());
        }
        return r.json().get("accessToken").asText();
    }
}
