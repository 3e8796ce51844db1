package dev.infisicalpro.cli.exec;

import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.SecretPath;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One id of an OpenClaw exec-provider request, read as {@code [ENV:][/]PATH/KEY} or {@code KEY}:
 * {@code DB_PASSWORD} (the configured environment and folders), {@code app/DB_PASSWORD} or
 * {@code /app/DB_PASSWORD} (a folder), {@code prod:/app/DB_PASSWORD} (an environment too). OpenClaw
 * only sends ids that start with a letter or digit, so in openclaw.json a folder is written
 * {@code app/DB_PASSWORD}.
 *
 * <pre>{@code
 * SecretId id = SecretId.parse("prod:/app/DB_PASSWORD");
 * id.environment(); // Optional[prod]
 * id.path();        // Optional[/app]
 * id.key();         // DB_PASSWORD
 * }</pre>
 *
 * @param id          the id as OpenClaw sent it
 * @param environment the environment slug, when the id names one
 * @param path        the folder, when the id names one
 * @param key         the secret's name
 */
public record SecretId(String id, Optional<String> environment, Optional<SecretPath> path, String key) {

    /**
     * OpenClaw's validation of exec SecretRef ids, plus a leading {@code /}: OpenClaw itself never sends
     * one (write {@code app/KEY} in openclaw.json), but at a shell {@code /app/KEY} is the natural form.
     */
    public static final Pattern ACCEPTED_ID = Pattern.compile("/?[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}");
    private static final Pattern ENV_PREFIX = Pattern.compile("([A-Za-z0-9_-]+):(.+)");

    /**
     * Reads an id.
     *
     * @throws IllegalArgumentException with a message fit for the id's error entry
     */
    public static SecretId parse(String id) {
        if (id == null || !ACCEPTED_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a valid id: ids match ^[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}$ and "
                    + "read KEY, /path/KEY or env:/path/KEY");
        }
        Optional<String> env = Optional.empty();
        String rest = id;
        Matcher m = ENV_PREFIX.matcher(id);
        if (m.matches()) {
            env = Optional.of(m.group(1));
            rest = m.group(2);
        }
        if (rest.indexOf(':') >= 0) {
            throw new IllegalArgumentException("more than one ':' in the id: write env:/path/KEY");
        }
        int slash = rest.lastIndexOf('/');
        if (slash < 0) {
            return new SecretId(id, env, Optional.empty(), rest);
        }
        String key = rest.substring(slash + 1);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the id ends with '/': name a key after the folder, e.g. /app/DB_PASSWORD");
        }
        String folder = rest.substring(0, slash);
        for (String segment : folder.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'.' and '..' are not folder names");
            }
        }
        try {
            return new SecretId(id, env, Optional.of(SecretPath.of(folder.isEmpty() ? "/" : folder)), key);
        } catch (InfisicalException e) {
            throw new IllegalArgumentException("invalid folder in the id: " + e.getMessage());
        }
    }
}
