package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

/**
 * HS256 JWTs for identity access tokens, with the error texts the {@code jsonwebtoken} library gives
 * (the server forwards them as 403 {@code TokenError}). Not API.
 */
final class Jwt {

    static final String EXPIRED = "Your token has expired. Please re-authenticate.";
    static final String MALFORMED =
            "The provided access token is malformed. Please use a valid token or generate a new one and try again.";

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final ObjectMapper mapper;
    private final byte[] key;

    Jwt(ObjectMapper mapper) {
        this.mapper = mapper;
        this.key = new byte[32];
        Store.RANDOM.nextBytes(key);
    }

    String sign(ObjectNode payload) {
        String header = ENC.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = ENC.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + body + "." + ENC.encodeToString(mac(header + "." + body));
    }

    /** Verifies signature and {@code exp}; throws 403 {@code TokenError} like the server. */
    JsonNode verify(String token, Instant now) {
        if (token == null || token.isEmpty()) {
            throw ApiError.tokenError("jwt must be provided");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw ApiError.tokenError(MALFORMED);
        }
        JsonNode header;
        JsonNode payload;
        try {
            header = mapper.readTree(DEC.decode(parts[0]));
            payload = mapper.readTree(DEC.decode(parts[1]));
        } catch (Exception e) {
            throw ApiError.tokenError("invalid token");
        }
        if (header == null || !header.isObject() || payload == null || !payload.isObject()) {
            throw ApiError.tokenError("invalid token");
        }
        byte[] sig;
        try {
            sig = DEC.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw ApiError.tokenError("invalid signature");
        }
        if (!MessageDigest.isEqual(sig, mac(parts[0] + "." + parts[1]))) {
            throw ApiError.tokenError("invalid signature");
        }
        JsonNode exp = payload.get("exp");
        if (exp != null && exp.isNumber() && now.getEpochSecond() >= exp.asLong()) {
            throw ApiError.tokenError(EXPIRED);
        }
        return payload;
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
