package dev.infisicalpro.cli.lint;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which variable names hold credentials. Deliberately by name (the guide's {@code *PASSWORD*},
 * {@code *SECRET*}, {@code *TOKEN*}, {@code *_KEY}): values are never inspected to decide, only to
 * measure length.
 */
final class CredentialNames {

    private static final List<String> MARKERS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
            "CREDENTIAL", "PRIVATE_KEY", "PRIVATEKEY", "API_KEY", "APIKEY");
    /** Parts that make a name about a credential rather than the credential itself. */
    private static final Set<String> META = Set.of("FILE", "PATH", "DIR", "NAME", "ID", "HOST", "PORT", "USER",
            "USERNAME", "TTL", "TIMEOUT", "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "DURATION", "INTERVAL",
            "LENGTH", "SIZE", "HEADER", "ENABLED", "TYPE", "ALGORITHM", "MODE", "REF", "ENDPOINT", "ISSUER",
            "AUDIENCE", "VERSION", "KIND", "LOCATION", "URL", "URI", "PUBLIC", "FORMAT", "NAMESPACE");
    private static final Pattern URI_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*:([^/@\\s]+)@");

    private CredentialNames() {
    }

    /** {@code DB_PASSWORD}, {@code AUTH_SECRET}, {@code INFISICAL_TOKEN}, {@code STRIPE_KEY}, … */
    static boolean looksLikeCredential(String upperName) {
        String[] parts = upperName.split("[^A-Z0-9]+");
        for (String part : parts) {
            if (META.contains(part)) {
                return false;
            }
        }
        for (String marker : MARKERS) {
            if (upperName.contains(marker)) {
                return true;
            }
        }
        return parts.length > 0 && parts[parts.length - 1].equals("KEY");
    }

    /** Values the guide wants 32–48 random characters for. */
    static boolean needsEntropy(String upperName) {
        return upperName.equals("AUTH_SECRET") || upperName.equals("ENCRYPTION_KEY")
                || ((upperName.contains("PASSWORD") || upperName.contains("PASSWD")) && looksLikeCredential(upperName));
    }

    /** {@code DB_CONNECTION_URI}, {@code DATABASE_URL}, {@code *_DSN}: may carry a password inside. */
    static boolean isConnectionString(String upperName) {
        return upperName.endsWith("_URI") || upperName.endsWith("_URL") || upperName.endsWith("_DSN")
                || upperName.equals("DSN") || upperName.contains("CONNECTION");
    }

    /** The password of {@code scheme://user:password@host}, if there is one. */
    static Optional<String> uriPassword(String value) {
        Matcher m = URI_PASSWORD.matcher(value.strip());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The command the guide would use to make a good value. */
    static String generator(String upperName) {
        if (upperName.equals("ENCRYPTION_KEY")) {
            return "openssl rand -hex 16";
        }
        if (upperName.equals("AUTH_SECRET")) {
            return "openssl rand -base64 32";
        }
        return "openssl rand -base64 36";
    }
}
