package dev.infisicalpro;

/**
 * One scope of a service token: an environment and a path that may be a glob ({@code /**},
 * {@code /app/**}).
 *
 * <pre>{@code
 * client.serviceTokenInfo().ifPresent(info ->
 *         info.scopes().forEach(s -> log.info(s.environment() + " " + s.path() + (s.isGlob() ? " (glob)" : ""))));
 * }</pre>
 *
 * @param environment environment slug
 * @param path        path or glob as stored on the server
 */
public record TokenScope(String environment, String path) {

    /**
     * True when the path has glob characters; a single non-glob scope triggers the server's override.
     * Only characters that open a glob count ({@code * ? [ { ( !}, as the server and the testkit
     * decide): a lone closing {@code ] } )} is literal text.
     *
     * @return whether the path opens a glob
     */
    public boolean isGlob() {
        return path.chars().anyMatch(c -> "*?[{(!".indexOf(c) >= 0);
    }

    @Override
    public String toString() {
        return environment + ":" + path;
    }
}
