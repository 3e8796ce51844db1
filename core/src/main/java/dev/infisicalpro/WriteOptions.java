package dev.infisicalpro;

/**
 * Options of a secret write.
 *
 * <pre>{@code
 * client.secrets().create(scope, NewSecret.of("K", "v"), WriteOptions.CREATE_MISSING_FOLDERS);
 * }</pre>
 *
 * @param createMissingFolders create the target folder (and its parents) when it does not exist,
 *                             instead of failing with {@link FolderNotFoundException}
 */
public record WriteOptions(boolean createMissingFolders) {

    /**
     * Fail with {@link FolderNotFoundException} when the folder is missing (the server's behaviour).
     *
     * @return options that never create folders
     */
    public static WriteOptions defaults() {
        return new WriteOptions(false);
    }

    /** Create the folder and its parents first when missing. */
    public static final WriteOptions CREATE_MISSING_FOLDERS = new WriteOptions(true);
}
