package dev.infisicalpro.internal;

import dev.infisicalpro.Scope;
import dev.infisicalpro.ScopeMismatchException;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretListing;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.TokenScope;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service-token scope trap. Checks a read against the
 * token's scopes before it is sent, and a list answer against what was asked after it arrives. Not API.
 *
 * <p>Glob semantics follow picomatch as the server uses it ({@code strictSlashes: false}): {@code **}
 * spans folders, a trailing {@code /**} also matches the folder itself ({@code /app/**} matches
 * {@code /app}), {@code *} stays within one folder name, and a {@code *} standing for a whole folder name
 * needs at least one character ({@code /*} does not match {@code /}).
 */
public final class ScopeGuard {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private ScopeGuard() {
    }

    /** Refuses, before sending, a read the token cannot serve as asked. */
    public static void checkRead(ServiceTokenInfo info, Scope asked, boolean recursive) {
        if (asked.project() instanceof dev.infisicalpro.ProjectRef.Id id && !info.projectId().isEmpty()
                && !info.projectId().equals(id.value())) {
            // a single-scope token would silently answer from its own project; others get a 403
            throw new ScopeMismatchException("service token " + info.tokenId() + " belongs to project "
                    + info.projectId() + ", not to the asked project " + id.value(),
                    "use ProjectRef.fromToken() (leave infisical.project-id unset), or a token of project " + id.value());
        }
        List<TokenScope> scopes = info.scopes();
        if (scopes.isEmpty()) {
            return;
        }
        String askedText = asked.environment() + ":" + asked.path();
        if (info.isFixedLocation()) {
            TokenScope only = scopes.get(0);
            boolean samePlace = only.environment().equals(asked.environment())
                    && SecretPath.of(only.path()).equals(asked.path());
            if (!samePlace) {
                throw new ScopeMismatchException("service token " + info.tokenId() + " is scoped to exactly "
                        + only + ", so Infisical answers every read with " + only + " whatever is asked; refusing to "
                        + "read " + askedText + " (the answer would silently be the wrong folder)",
                        fix(asked));
            }
            if (recursive) {
                throw new ScopeMismatchException("service token " + info.tokenId() + " is scoped to exactly " + only
                        + " (no glob), so a recursive read of " + askedText + " would never include sub-folders",
                        fix(asked) + ", or read non-recursively");
            }
            return;
        }
        boolean covered = false;
        for (TokenScope s : scopes) {
            if (s.environment().equals(asked.environment()) && matches(s.path(), asked.path().value())) {
                covered = true;
                if (!recursive || s.path().endsWith("**")) {
                    return;
                }
            }
        }
        if (covered) {
            // The server drops sub-folders the scopes do not match from a recursive walk, silently.
            throw new ScopeMismatchException("service token " + info.tokenId() + " has scopes " + scopes
                    + "; none covers every sub-folder of " + askedText + ", so a recursive read would silently "
                    + "miss some of them", fix(asked) + ", or read non-recursively");
        }
        throw new ScopeMismatchException("service token " + info.tokenId() + " has scopes " + scopes
                + ", none of which covers " + askedText + "; Infisical would refuse or drop this read",
                fix(asked));
    }

    private static String fix(Scope asked) {
        return "create a service token scoped to " + globFor(asked) + ", or ask for the token's own scope";
    }

    /** {@code env:/**} for the root, else {@code env:/**} or {@code env:<path>/**}. */
    private static String globFor(Scope asked) {
        String env = asked.environment();
        return asked.path().isRoot() ? env + ":/** (the whole environment)"
                : env + ":/** (the whole environment) or " + env + ":" + asked.path() + "/**";
    }

    /**
     * Refuses a list answer whose items are not where we asked (non-recursive: exactly the asked folder;
     * recursive: the asked folder or below). Items without a {@code secretPath} are not judged on path.
     */
    public static void checkAnswer(Scope asked, boolean recursive, SecretListing listing, List<String> rawPaths,
                                   String tokenDescription) {
        for (int i = 0; i < listing.secrets().size(); i++) {
            Secret s = listing.secrets().get(i);
            boolean envOk = s.environment().isEmpty() || s.environment().equals(asked.environment());
            String raw = rawPaths.get(i);
            boolean pathOk = raw == null || (recursive ? asked.path().contains(s.path()) : s.path().equals(asked.path()));
            if (!envOk || !pathOk) {
                throw new ScopeMismatchException("asked for " + asked.environment() + ":" + asked.path()
                        + " but the server answered with secrets from " + s.environment() + ":" + s.path()
                        + " (" + tokenDescription + "); refusing to return them as the asked folder",
                        "a service token with a single scope without a glob is always answered with its own folder; "
                                + "use a token scoped to " + globFor(asked));
            }
        }
    }

    /** picomatch-like match of a normalised folder path against a scope path or glob. */
    public static boolean matches(String glob, String path) {
        if (glob.isEmpty()) {
            return false;
        }
        return CACHE.computeIfAbsent(glob, ScopeGuard::compile).matcher(path).matches();
    }

    static Pattern compile(String glob) {
        String g = glob.trim();
        // strictSlashes:false — a trailing slash on the pattern is optional
        if (g.length() > 1 && g.endsWith("/") && !g.endsWith("**/")) {
            g = g.substring(0, g.length() - 1);
        }
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = g.length();
        while (i < n) {
            char c = g.charAt(i);
            if (c == '/' && g.startsWith("/**", i) && i + 3 == n) {
                re.append("(?:/.*)?"); // trailing /** matches the folder itself and everything below
                i += 3;
            } else if (c == '*' && g.startsWith("**", i)) {
                boolean followedBySlash = i + 2 < n && g.charAt(i + 2) == '/';
                if (followedBySlash) {
                    re.append("(?:.*/)?");
                    i += 3;
                } else {
                    re.append(".*");
                    i += 2;
                }
            } else if (c == '*') {
                boolean wholeSegment = (i == 0 || g.charAt(i - 1) == '/') && (i + 1 == n || g.charAt(i + 1) == '/');
                re.append(wholeSegment ? "[^/]+" : "[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '{') {
                int end = g.indexOf('}', i);
                if (end < 0) {
                    re.append(Pattern.quote("{"));
                    i++;
                } else {
                    re.append("(?:");
                    String[] alts = g.substring(i + 1, end).split(",", -1);
                    for (int a = 0; a < alts.length; a++) {
                        if (a > 0) {
                            re.append('|');
                        }
                        re.append(Pattern.quote(alts[a]));
                    }
                    re.append(')');
                    i = end + 1;
                }
            } else if (c == '[') {
                int end = g.indexOf(']', i + 1);
                if (end < 0) {
                    re.append(Pattern.quote("["));
                    i++;
                } else {
                    String body = g.substring(i + 1, end).replace("\\", "\\\\");
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body).append(']');
                    i = end + 1;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(re.toString());
    }
}
