package dev.infisicalpro;

/**
 * The folder of a secret operation does not exist. Create it first
 * ({@code client.folders().ensure(...)}) or pass the create-parents option.
 */
public class FolderNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /** See {@link InfisicalException#InfisicalException(String, int, String, String, String, String, Throwable)}. */
    public FolderNotFoundException(String summary, int status, String serverMessage, String method, String path, String hint,
              Throwable cause) {
        super(summary, status, serverMessage, method, path, hint, cause);
    }

    /** A client-side failure that never reached the server. */
    public FolderNotFoundException(String summary, String hint) {
        super(summary, 0, "", "", "", hint, null);
    }
}
