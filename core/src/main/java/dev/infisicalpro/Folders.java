package dev.infisicalpro;

import java.util.List;

/**
 * Folder operations of one {@link InfisicalClient}. Thread-safe. A scope's path names the folder
 * itself (or, for {@link #list}, the parent).
 *
 * <pre>{@code
 * Folders folders = client.folders();
 * folders.ensure(Scope.of(project, "dev", "/apps/billing"));   // creates /apps and /apps/billing if needed
 * List<Folder> children = folders.list(Scope.of(project, "dev", "/apps"));
 * }</pre>
 */
public interface Folders {

    /**
     * Direct sub-folders of the scope's path.
     *
     * @param parent the folder whose children are listed (its path is the parent)
     * @return the direct sub-folders, in the server's order; empty when there are none
     */
    List<Folder> list(Scope parent);

    /**
     * Creates the folder; creating an existing folder is success on every server generation.
     *
     * @param folder the scope whose path is the folder to create
     * @param options whether missing parents are created first
     * @return the created (or already existing) folder
     * @throws FolderNotFoundException when a parent is missing and {@code options} does not create parents
     */
    Folder create(Scope folder, FolderOptions options);

    /**
     * Idempotent: creates the folder and missing parents, or returns the existing folder.
     *
     * @param folder the scope whose path is the folder that must exist
     * @return the folder, created or found
     */
    Folder ensure(Scope folder);

    /**
     * Renames the folder (last path segment).
     *
     * @param folder the scope whose path is the folder to rename
     * @param newName the new last path segment (letters, digits, {@code _} and {@code -})
     * @return the folder under its new name
     * @throws FolderNotFoundException when the folder does not exist
     */
    Folder rename(Scope folder, String newName);

    /**
     * Deletes the folder and everything in it.
     *
     * @param folder the scope whose path is the folder to delete (not the root)
     * @return the deleted folder
     * @throws FolderNotFoundException when the folder does not exist
     */
    Folder delete(Scope folder);
}
