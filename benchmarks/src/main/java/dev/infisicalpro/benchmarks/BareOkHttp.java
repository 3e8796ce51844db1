package dev.infisicalpro.benchmarks;

import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The floor the library is measured against (B5, B7): the same requests with nothing but OkHttp, string
 * concatenation for the login body and {@code indexOf} for the two fields read back. No JSON library, no
 * retries, no error mapping, no scope checks: what a hand-written one-off script would pay.
 */
final class BareOkHttp {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final String apiUrl;

    BareOkHttp(String apiUrl) {
        this.apiUrl = apiUrl;
        // cleartext only for http://, as the library does: neither pays for TLS set-up it will not use
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .connectionSpecs(apiUrl.startsWith("http:") ? List.of(ConnectionSpec.CLEARTEXT)
                        : List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                .build();
    }

    /** Universal-auth login; returns the access token. */
    String login(String clientId, String clientSecret) {
        String body = "{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + clientSecret + "\"}";
        Request request = new Request.Builder().url(apiUrl + "/v1/auth/universal-auth/login")
                .post(RequestBody.create(body, JSON)).build();
        return field(call(request), "accessToken");
    }

    /** The get-one URL with the same query the library sends. */
    String getOneUrl(String projectId, String env, String path, String key) {
        return apiUrl + "/v3/secrets/raw/" + key + "?workspaceId=" + projectId + "&environment=" + env
                + "&secretPath=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                + "&type=shared&include_imports=false&expandSecretReferences=false";
    }

    /** One GET of the get-one route; returns the secret's value. */
    String getValue(String url, String token) {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
        return field(call(request), "secretValue");
    }

    private String call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("HTTP " + response.code() + " for " + request.url().encodedPath());
            }
            return response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The string value of {@code "name":"..."} (no escapes in the benchmark's data). */
    static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            throw new IllegalStateException("no " + name + " in the answer");
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
