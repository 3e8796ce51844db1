package dev.infisicalpro.examples.springboot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A client of some third-party API, built with the {@code API_KEY} secret. {@code @RefreshScope}: when
 * the key changes in Infisical, the next call gets a bean built with the new key, no restart.
 */
@Component
@RefreshScope
public class ApiClient {

    private final String apiKey;

    public ApiClient(@Value("${API_KEY}") String apiKey) {
        this.apiKey = apiKey;
    }

    /** A short fingerprint of the key, safe to show (the key itself never leaves this bean). */
    public String keyFingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
