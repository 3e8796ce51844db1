package dev.infisicalpro.internal.webhook;

import dev.infisicalpro.internal.HmacSha256;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** HMAC-SHA256 as Infisical signs webhooks, and a constant-time comparison. Not API. */
public final class Hmac {

    private Hmac() {
    }

    /** The key Infisical uses: the UTF-8 bytes of the trimmed secret key. */
    public static SecretKeySpec key(String secretKey) {
        byte[] bytes = secretKey.trim().getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("webhook secret key is blank");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The raw 32-byte MAC of {@code body}. */
    public static byte[] mac(SecretKeySpec key, byte[] body) {
        return HmacSha256.of(key.getEncoded(), body);
    }

    /** The lowercase hex MAC of {@code body}. */
    public static String hex(SecretKeySpec key, byte[] body) {
        return HexFormat.of().formatHex(mac(key, body));
    }

    /**
     * Decodes 64 hex digits (either case) into 32 bytes; {@code null} when {@code hex} is not that. The
     * decoding time depends only on the length, which is public.
     */
    public static byte[] decode(String hex) {
        if (hex.length() != 64) {
            return null;
        }
        byte[] out = new byte[32];
        boolean ok = true;
        for (int i = 0; i < 32; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            ok &= hi >= 0 & lo >= 0;
            out[i] = (byte) ((hi << 4) | (lo & 0xf));
        }
        return ok ? out : null;
    }

    /** Constant-time equality of two MACs. */
    public static boolean matches(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }
}
