package dev.infisicalpro.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as {@link FakeInfisical} received it, for assertions.
 *
 * <pre>{@code
 * RecordedRequest last = fake.journal().last();
 * assertThat(last.queryParam("include_imports")).contains("true");
 * assertThat(last.header("authorization")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer st."));
 * }</pre>
 *
 * @param method     HTTP method
 * @param path       decoded path without query, e.g. {@code /api/v3/secrets/raw/DB_PASSWORD}
 * @param rawTarget  the request target exactly as sent (raw path and query)
 * @param query      decoded query parameters in order of appearance
 * @param headers    headers, names lower-cased
 * @param body       body as UTF-8 text ({@code ""} if none)
 * @param receivedAt time of the fake's clock when received
 */
public record RecordedRequest(String method, String path, String rawTarget, Map<String, List<String>> query,
                              Map<String, List<String>> headers, String body, Instant receivedAt) {

    /**
     * Copies the maps so the record is immutable.
     *
     * @param method see the record component
     * @param path see the record component
     * @param rawTarget see the record component
     * @param query see the record component
     * @param headers see the record component
     * @param body see the record component
     * @param receivedAt see the record component
     */
    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /**
     * First value of a query parameter.
     *
     * @param name name
     * @return first value of a query parameter
     */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * First value of a header (name is case-insensitive).
     *
     * @param name name
     * @return first value of a header (name is case-insensitive)
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        // Bodies and headers can hold credentials; print only the request line.
        return "RecordedRequest[" + method + " " + path + "]";
    }
}
