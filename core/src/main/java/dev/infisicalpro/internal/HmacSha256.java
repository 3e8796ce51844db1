package dev.infisicalpro.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over {@link MessageDigest}: the one HMAC of the library (settings fingerprints,
 * webhook signatures). {@code javax.crypto.Mac} gives the same bytes, but looking it up loads and scans
 * every installed security provider and reads the JCE policy files: about 150 classes and tens of
 * milliseconds in a Spring Boot start, for one digest (benchmarks/RESULTS.md, B9). {@code KeyedDigestTest}
 * checks it against {@code Mac}. Not API.
 */
public final class HmacSha256 {

    private static final int BLOCK = 64;

    private HmacSha256() {
    }

    /**
     * The 32-byte MAC.
     *
     * @param key     any length (a key over one block is hashed first, as RFC 2104 says)
     * @param message the bytes to sign
     * @return the MAC
     */
    public static byte[] of(byte[] key, byte[] message) {
        MessageDigest sha = sha256();
        byte[] k = key.length > BLOCK ? sha.digest(key) : key;
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte kb = i < k.length ? k[i] : 0;
            inner[i] = (byte) (kb ^ 0x36);
            outer[i] = (byte) (kb ^ 0x5c);
        }
        sha.update(inner);
        byte[] innerHash = sha.digest(message);
        sha.update(outer);
        return sha.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
