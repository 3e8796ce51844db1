package dev.infisicalpro;

/**
 * Settings are missing, conflicting or malformed (no auth method, two auth methods, no env-slug,
 * snake_case keys in a credentials directory, ...). Raised before any network call; the message names
 * the keys to set.
 */
public class ConfigurationException extends InfisicalException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public ConfigurationException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public ConfigurationException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
