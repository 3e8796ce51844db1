package dev.infisicalpro.cli;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * Strong random secrets for the field guide's entropy mandate (32–48 characters for database
 * passwords, {@code AUTH_SECRET}, {@code ENCRYPTION_KEY}): {@link SecureRandom}, uniform over the
 * character set (no modulo bias), length 32 to 64.
 *
 * <pre>{@code
 * String password = SecretGenerator.generate(40, SecretGenerator.charset("alnum"));
 * }</pre>
 */
public final class SecretGenerator {

    /** Shortest length accepted. */
    public static final int MIN_LENGTH = 32;
    /** Longest length accepted. */
    public static final int MAX_LENGTH = 64;
    /** Default length: inside the guide's 32–48. */
    public static final int DEFAULT_LENGTH = 40;

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Names {@link #charset} accepts. */
    public static final List<String> CHARSETS = List.of("alnum", "hex", "base64url", "symbols");

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretGenerator() {
    }

    /**
     * A named character set: {@code alnum} (default; safe in URLs, shells, .env files and connection
     * strings), {@code hex}, {@code base64url}, {@code symbols} (alnum plus {@code !#%+-.:=@^_~}, for
     * password policies that demand symbols; a URL needs some of them percent-encoded).
     */
    public static String charset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "alnum" -> ALNUM;
            case "hex" -> "0123456789abcdef";
            case "base64url" -> ALNUM + "-_";
            case "symbols" -> ALNUM + "!#%+-.:=@^_~";
            default -> throw new CliException(ExitCodes.USAGE, "unknown charset '" + name + "': use one of " + CHARSETS);
        };
    }

    /** A random string of {@code length} characters drawn uniformly from {@code chars}. */
    public static String generate(int length, String chars) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new CliException(ExitCodes.USAGE, "length " + length + " is outside " + MIN_LENGTH + ".." + MAX_LENGTH
                    + " (the field guide asks for 32-48 characters for passwords and keys)");
        }
        if (chars.length() < 16) {
            throw new CliException(ExitCodes.USAGE, "a character set needs at least 16 characters");
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(chars.charAt(RANDOM.nextInt(chars.length()))); // nextInt(bound) is unbiased
        }
        return sb.toString();
    }

    /** Bits of entropy of a secret of {@code length} characters over {@code chars}. */
    public static double entropyBits(int length, String chars) {
        return length * (Math.log(chars.length()) / Math.log(2));
    }
}
