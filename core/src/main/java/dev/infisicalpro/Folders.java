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

    /** Direct sub-folders of the scope's path. */
    List<Folder> list(Scope parent);

    /** Creates the folder; creating an existing folder is success on every server generation. */
    Folder create(Scope folder, FolderOptions options);

    /** Idempotent: creates the folder and missing parents, or returns the existing folder. */
    Folder ensure(Scope folder);

    /** Renames the folder (last path segment). */
    Folder rename(Scope folder, String newName);

    /** Deletes the folder and everything in it. */
    Folder delete(Scope folder);
}
