package dev.infisicalpro.benchmarks;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.Scope;
import dev.infisicalpro.testkit.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/**
 * Bytes down for one {@code secrets().get} (B5): the request the library sent, as the fake's journal
 * recorded it, is replayed verbatim with OkHttp and the answer's status line, headers and body are
 * counted; the same for the folder listing the former {@code get} used. Run: {@code java -cp ...
 * dev.infisicalpro.benchmarks.BytesDown [secrets]}.
 */
public final class BytesDown {

    private BytesDown() {
    }

    /** Bytes of the answer (status line + headers + body) to the get and to the listing. */
    public record Result(int secrets, long getBytes, long listBytes, String getTarget) {
        @Override
        public String toString() {
            return String.format("%d secrets: get answers %,d B (%s), list answers %,d B, ratio %.4f", secrets,
                    getBytes, getTarget.substring(0, getTarget.indexOf('?')), listBytes,
                    (double) getBytes / listBytes);
        }
    }

    public static Result measure(BenchFixture fixture) {
        try (InfisicalClient client = fixture.client()) {
            Scope scope = fixture.query().scope(fixture.query().paths().get(0));
            String key = fixture.keys[fixture.keys.length / 2];
            client.secrets().get(scope, key);
            RecordedRequest get = fixture.fake.journal().last();
            client.secrets().list(scope, ListOptions.defaults());
            RecordedRequest list = fixture.fake.journal().last();
            OkHttpClient http = new OkHttpClient();
            try {
                return new Result(fixture.keys.length, replay(http, fixture, get), replay(http, fixture, list),
                        get.rawTarget());
            } finally {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
    }

    private static long replay(OkHttpClient http, BenchFixture fixture, RecordedRequest recorded) {
        Request request = new Request.Builder().url(fixture.fake.url() + recorded.rawTarget())
                .header("Authorization", recorded.header("Authorization").orElseThrow()).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("replay answered " + response.code());
            }
            long statusLine = ("HTTP/1.1 " + response.code() + " " + response.message() + "\r\n").length();
            return statusLine + response.headers().byteCount() + 2 + response.body().bytes().length;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (BenchFixture fixture = new BenchFixture(n)) {
            System.out.println(measure(fixture));
        }
    }
}
