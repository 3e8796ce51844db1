package dev.infisicalpro;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exceptions are {@link java.io.Serializable} (every {@link Throwable} is), so one that crosses a
 * serialization boundary (RMI, a distributed cache, a job queue) must write and read back with its request
 * facts, not fail with a {@code NotSerializableException}.
 */
class ExceptionSerializationTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void anExceptionWithItsRequestFactsSurvivesSerialization() throws Exception {
        FailedRequest request = new FailedRequest("GET", "/api/v3/secrets/raw/DB_PASSWORD", 404, "Secret not found");
        SecretNotFoundException e = new SecretNotFoundException("secret DB_PASSWORD not found", "check the path",
                request, null);

        SecretNotFoundException back = roundTrip(e);

        assertThat(back.request()).contains(request);
        assertThat(back.status()).hasValue(404);
        assertThat(back.hint()).contains("check the path");
        assertThat(back.getMessage()).isEqualTo(e.getMessage());
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() throws Exception {
        RateLimitException e = new RateLimitException("rate limited", "", new FailedRequest("GET", "/api/v3/secrets/raw",
                429, ""), Duration.ofSeconds(7));

        assertThat(roundTrip(e).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }
}
