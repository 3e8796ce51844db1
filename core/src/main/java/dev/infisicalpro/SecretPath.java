package dev.infisicalpro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A folder path inside an environment, normalised once so that {@code app}, {@code /app},
 * {@code /app/} and {@code " /app "} are the same value {@code /app}.
 *
 * <p>Folder names are checked against {@code [A-Za-z0-9_-]+}: other names make servers answer 500
 * ("Something went wrong") or refuse the folder, so they are rejected here, before any request.
 *
 * <pre>{@code
 * SecretPath app = SecretPath.of("/app/");   // "/app"
 * SecretPath db = app.child("db");           // "/app/db"
 * db.parent();                               // "/app"
 * }</pre>
 *
 * @param value the normalised path: starts with {@code /}, no trailing {@code /} unless root
 */
public record SecretPath(String value) implements Comparable<SecretPath> {

    /** The root folder {@code /}. */
    public static final SecretPath ROOT = new SecretPath("/");

    private static final Pattern FOLDER_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * Validates; use {@link #of(String)} to normalise user input.
     *
     * @param value an already normalised path
     */
    public SecretPath {
        if (value == null) {
            throw new ValidationException("secret path is null", "pass \"/\" for the root folder");
        }
        if (!value.equals(normalise(value))) {
            throw new ValidationException("secret path '" + value + "' is not normalised",
                    "use SecretPath.of(...)");
        }
    }

    /**
     * Normalises and validates a user-supplied path (blank means root).
     *
     * @param path a folder path as a user writes it ({@code ""}, {@code a/b}, {@code /a/b/})
     * @return the normalised path
     * @throws ValidationException when a folder name has characters Infisical does not allow
     */
    public static SecretPath of(String path) {
        if (path == null) {
            throw new ValidationException("secret path is null", "pass \"/\" for the root folder");
        }
        return new SecretPath(normalise(path));
    }

    private static String normalise(String raw) {
        String p = raw.trim();
        if (p.isEmpty() || p.equals("/")) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty()) {
                continue; // leading, trailing and doubled slashes
            }
            if (!FOLDER_NAME.matcher(segment).matches()) {
                if (looksLikeCredential(segment)) {
                    // a token pasted where a path belongs (e.g. secrets-path=${INFISICAL_TOKEN}): never echo it
                    throw new ValidationException("a folder name in the secrets path looks like a token or"
                            + " secret, not a folder", "check infisical.secrets-path (or the import path):"
                            + " credentials belong in infisical.auth.*");
                }
                throw new ValidationException("folder name '" + segment + "' in path '" + raw
                        + "' is not allowed", "folder names may only use letters, digits, '_' and '-'"
                        + " (other names make Infisical answer 500)");
            }
            sb.append('/').append(segment);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    /** Service tokens, JWTs and long opaque strings: quoted in no message. */
    private static boolean looksLikeCredential(String segment) {
        return segment.startsWith("st.") || segment.startsWith("eyJ") || segment.length() >= 32;
    }

    /**
     * True for {@code /}.
     *
     * @return whether this is the root folder
     */
    public boolean isRoot() {
        return value.equals("/");
    }

    /**
     * The folder names from the root down; empty for the root.
     *
     * @return the folder names, unmodifiable
     */
    public List<String> segments() {
        if (isRoot()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Collections.addAll(out, value.substring(1).split("/"));
        return List.copyOf(out);
    }

    /**
     * The last folder name; {@code ""} for the root.
     *
     * @return the last segment, or {@code ""}
     */
    public String name() {
        return isRoot() ? "" : value.substring(value.lastIndexOf('/') + 1);
    }

    /**
     * The parent folder; the root's parent is the root.
     *
     * @return the folder one level up
     */
    public SecretPath parent() {
        if (isRoot()) {
            return this;
        }
        int i = value.lastIndexOf('/');
        return i == 0 ? ROOT : new SecretPath(value.substring(0, i));
    }

    /**
     * A direct sub-folder.
     *
     * @param name one folder name, without {@code /}
     * @return this path with {@code name} appended
     */
    public SecretPath child(String name) {
        return of(isRoot() ? "/" + name : value + "/" + name);
    }

    /**
     * True when {@code other} is this folder or below it.
     *
     * @param other the path to test
     * @return whether {@code other} equals this path or lies below it
     */
    public boolean contains(SecretPath other) {
        return isRoot() || other.value.equals(value) || other.value.startsWith(value + "/");
    }

    @Override
    public int compareTo(SecretPath o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
