package dev.infisicalpro.internal;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.Credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a folder mounted from a Kubernetes Secret with the operator's key names:
 * {@code clientId} + {@code clientSecret} (universal auth) or {@code infisicalToken} (service token,
 * or an access token when it does not start with {@code st.}). The field guide's most common mistake
 * is snake_case keys, which the operator silently ignores; here they fail with the right names. Not API.
 */
public final class CredentialsDirectory {

    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String INFISICAL_TOKEN = "infisicalToken";
    private static final String RIGHT_KEYS = "the Secret must have keys clientId and clientSecret (universal auth), "
            + "or infisicalToken (service token), spelled exactly so (the Kubernetes operator's names)";

    private static final String SETTING = "infisical.auth.credentials-dir";

    private CredentialsDirectory() {
    }

    public static Credentials read(Path directory) {
        // Messages name the setting, never its value: a token pasted into the wrong variable is no path.
        if (directory == null || !Files.isDirectory(directory)) {
            throw new ValidationException("the credentials directory (" + SETTING + ") does not exist or is not a"
                    + " folder", "set " + SETTING + " to the mount path of the Kubernetes Secret");
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            // Kubernetes Secret mounts hold ..data and ..<timestamp> bookkeeping entries: ignore dot files.
            files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(names::add);
        } catch (IOException e) {
            throw new ValidationException("cannot list the credentials directory (" + SETTING + ") ("
                    + e.getClass().getSimpleName() + ")", "check the volume mount and file permissions");
        }
        boolean hasId = names.contains(CLIENT_ID);
        boolean hasSecret = names.contains(CLIENT_SECRET);
        boolean hasToken = names.contains(INFISICAL_TOKEN);
        List<String> wrong = names.stream().filter(CredentialsDirectory::looksLikeMisspelling).toList();
        if (!wrong.isEmpty()) {
            throw new ValidationException("the credentials directory (" + SETTING + ") has key(s) " + wrong
                    + " with the wrong spelling", RIGHT_KEYS + "; found " + names);
        }
        if (hasToken && (hasId || hasSecret)) {
            throw new ValidationException("the credentials directory (" + SETTING + ")"
                    + " has both infisicalToken and clientId/clientSecret", "keep one auth method: " + RIGHT_KEYS);
        }
        if (hasToken) {
            String token = readKey(directory, INFISICAL_TOKEN).replaceAll("\\s", "");
            return token.startsWith("st.") ? Credentials.serviceToken(token) : Credentials.accessToken(token);
        }
        if (hasId && hasSecret) {
            return Credentials.universalAuth(readKey(directory, CLIENT_ID), readKey(directory, CLIENT_SECRET));
        }
        if (hasId || hasSecret) {
            throw new ValidationException("the credentials directory (" + SETTING + ") has "
                    + (hasId ? "clientId but no clientSecret" : "clientSecret but no clientId"),
                    RIGHT_KEYS + "; found " + names);
        }
        throw new ValidationException("the credentials directory (" + SETTING + ") has no credentials",
                RIGHT_KEYS + "; found " + (names.isEmpty() ? "no files" : names.toString()));
    }

    /** Names that mean one of ours but are spelled differently (client_id, CLIENT-SECRET, token, ...). */
    private static boolean looksLikeMisspelling(String name) {
        if (name.equals(CLIENT_ID) || name.equals(CLIENT_SECRET) || name.equals(INFISICAL_TOKEN)) {
            return false;
        }
        String squashed = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return squashed.equals("clientid") || squashed.equals("clientsecret") || squashed.equals("infisicaltoken")
                || squashed.equals("token") || squashed.equals("servicetoken") || squashed.equals("accesstoken");
    }

    private static String readKey(Path directory, String key) {
        String what = "credentials file " + key + " in " + SETTING;
        String value = SmallFile.read(directory.resolve(key), what, "check the volume mount and file permissions; "
                + RIGHT_KEYS);
        if (value.isEmpty()) {
            throw new ValidationException(what + " is empty", RIGHT_KEYS);
        }
        return value;
    }
}
