package dev.infisicalpro.testkit.internal;

/** Path helpers shared by the router, the fault queue and the journal. Not API. */
public final class Routes {

    private Routes() {
    }

    /** Removes one trailing slash (the server uses {@code ignoreTrailingSlash}); {@code "*"} stays. */
    public static String normalisePath(String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        return path;
    }
}
