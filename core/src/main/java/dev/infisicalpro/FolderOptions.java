package dev.infisicalpro;

/**
 * Options of a folder create.
 *
 * <pre>{@code
 * client.folders().create(scope.withPath(SecretPath.of("/a/b/c")), FolderOptions.CREATE_PARENTS);
 * }</pre>
 *
 * @param createParents create missing parent folders (works on servers that do this themselves and
 *                      on those that do not)
 */
public record FolderOptions(boolean createParents) {

    /**
     * Missing parents make the create fail with {@link FolderNotFoundException}.
     *
     * @return options that do not create parents
     */
    public static FolderOptions defaults() {
        return new FolderOptions(false);
    }

    /** Create missing parents first. */
    public static final FolderOptions CREATE_PARENTS = new FolderOptions(true);
}
