package dev.infisicalpro.rotation;

import java.security.SecureRandom;

/** Password generation for rotations. Not API. */
final class Passwords {

    /**
     * 64 symbols, so each character carries exactly 6 bits (no modulo bias). No quote, backslash,
     * {@code $}, {@code %}, {@code @} or {@code :} characters: the value survives shells, connection URLs,
     * {@code .env} files and Infisical's {@code ${...}} reference expansion unescaped.
     */
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    static final int MIN_LENGTH = 32;
    static final int MAX_LENGTH = 48;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static char[] generate(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("password length must be " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return out;
    }
}
