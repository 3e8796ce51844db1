package dev.infisicalpro.internal;

import dev.infisicalpro.ConflictException;
import dev.infisicalpro.Folder;
import dev.infisicalpro.FolderNotFoundException;
import dev.infisicalpro.FolderOptions;
import dev.infisicalpro.Folders;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.NotFoundException;
import dev.infisicalpro.Scope;
import dev.infisicalpro.SecretPath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.infisicalpro.internal.ProjectResolver.entry;

/**
 * Folder operations over {@code /api/v1/folders}, made to behave the same on every server generation.
 * Both generations create missing intermediate folders themselves;
 * only a create under an environment with no root folder at all is a 404 ("Folder with path …" on
 * OCT24, "Parent folder for path … not found" on newer servers). An existing folder is 200 with the
 * folder on OCT24 and 400 "already exists" on newer servers; both count as success here. Because the
 * server would create parents silently, {@link FolderOptions#createParents()} {@code false} is
 * enforced client-side. Not API.
 */
final class HttpFolders implements Folders {

    private final Transport transport;
    private final ProjectResolver projects;
    private final ResponseCache cache;

    HttpFolders(Transport transport, ProjectResolver projects, ResponseCache cache) {
        this.transport = transport;
        this.projects = projects;
        this.cache = cache;
    }

    @Override
    public List<Folder> list(Scope parent) {
        Transport.Call call = Transport.Call.get(ApiPaths.FOLDERS, List.of(
                entry(ApiPaths.WORKSPACE_ID, projects.projectId(parent)),
                entry(ApiPaths.ENVIRONMENT, parent.environment()),
                entry(ApiPaths.FOLDER_PATH, parent.path().value())));
        Map<String, Object> answer = transport.object(call, transport.execute(call));
        List<Folder> out = new ArrayList<>();
        for (Map<String, Object> f : Json.objects(answer, "folders")) {
            String name = Json.string(f, ApiPaths.FOLDER_NAME).orElse("");
            if (name.isEmpty()) {
                continue;
            }
            out.add(new Folder(Json.string(f, "id").orElse(""), name,
                    HttpSecrets.safePath(parent.path().isRoot() ? "/" + name : parent.path() + "/" + name)));
        }
        return List.copyOf(out);
    }

    @Override
    public Folder create(Scope folder, FolderOptions options) {
        if (folder.path().isRoot()) {
            return new Folder("", "root", SecretPath.ROOT); // every environment has its root
        }
        SecretPath parent = folder.path().parent();
        if (!options.createParents() && !parent.isRoot() && find(folder.withPath(parent)).isEmpty()) {
            // OCT24 would silently create the parents; the default options promise not to.
            throw new FolderNotFoundException("parent folder " + folder.environment() + ":" + parent + " does not exist",
                    "create it first (client.folders().ensure(...)), or pass FolderOptions.CREATE_PARENTS");
        }
        try {
            return post(folder);
        } catch (ConflictException e) {
            // Newer servers: 400 "Folder with name '<n>' already exists in path '<p>'" — creating is idempotent.
            return find(folder).orElseThrow(() -> e);
        } catch (NotFoundException e) {
            if (!options.createParents() || parent.isRoot() || !isMissingParent(e)) {
                throw e;
            }
            // A server that did not create the parents (no root folder yet, or an intermediate version):
            // make them, then try once more.
            create(folder.withPath(parent), FolderOptions.CREATE_PARENTS);
            try {
                return post(folder);
            } catch (ConflictException again) {
                return find(folder).orElseThrow(() -> again);
            }
        }
    }

    private static boolean isMissingParent(NotFoundException e) {
        String m = e.request().map(dev.infisicalpro.FailedRequest::serverMessage).orElse("")
                .toLowerCase(java.util.Locale.ROOT);
        return m.startsWith("parent folder") || m.startsWith("folder with path") || e instanceof FolderNotFoundException;
    }

    private Folder post(Scope folder) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.WORKSPACE_ID, projects.projectId(folder));
        body.put(ApiPaths.ENVIRONMENT, folder.environment());
        body.put(ApiPaths.FOLDER_NAME, folder.path().name());
        body.put(ApiPaths.FOLDER_PATH, folder.path().parent().value());
        Transport.Call call = Transport.Call.write("POST", ApiPaths.FOLDERS, body);
        try {
            Map<String, Object> answer = transport.object(call, transport.execute(call));
            Map<String, Object> f = Json.object(answer, "folder").orElse(Map.of());
            return new Folder(Json.string(f, "id").orElse(""), Json.string(f, ApiPaths.FOLDER_NAME)
                    .orElse(folder.path().name()), folder.path());
        } finally {
            cache.invalidateAll(); // a new folder turns an empty (or 404) listing into a real one
        }
    }

    private Optional<Folder> find(Scope folder) {
        if (folder.path().isRoot()) {
            return Optional.of(new Folder("", "root", SecretPath.ROOT));
        }
        String name = folder.path().name();
        return list(folder.withPath(folder.path().parent())).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** True when the folder exists (the root always does). */
    boolean exists(Scope folder) {
        return find(folder).isPresent();
    }

    @Override
    public Folder ensure(Scope folder) {
        return create(folder, FolderOptions.CREATE_PARENTS);
    }

    @Override
    public Folder rename(Scope folder, String newName) {
        requireNotRoot(folder);
        SecretPath renamed = folder.path().parent().child(newName); // validates the new name
        Folder existing = find(folder).orElseThrow(() -> missing(folder));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.WORKSPACE_ID, projects.projectId(folder));
        body.put(ApiPaths.ENVIRONMENT, folder.environment());
        body.put(ApiPaths.FOLDER_NAME, renamed.name());
        body.put(ApiPaths.FOLDER_PATH, folder.path().parent().value());
        Transport.Call call = Transport.Call.write("PATCH",
                ApiPaths.folder(existing.id().isEmpty() ? folder.path().name() : existing.id()), body);
        try {
            Map<String, Object> answer = transport.object(call, transport.execute(call));
            Map<String, Object> f = Json.object(answer, "folder").orElse(Map.of());
            return new Folder(Json.string(f, "id").orElse(existing.id()), renamed.name(), renamed);
        } finally {
            cache.invalidateAll();
        }
    }

    @Override
    public Folder delete(Scope folder) {
        requireNotRoot(folder);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.WORKSPACE_ID, projects.projectId(folder));
        body.put(ApiPaths.ENVIRONMENT, folder.environment());
        body.put(ApiPaths.FOLDER_PATH, folder.path().parent().value());
        Transport.Call call = Transport.Call.write("DELETE", ApiPaths.folder(folder.path().name()), body);
        try {
            Map<String, Object> answer = transport.object(call, transport.execute(call));
            Map<String, Object> f = Json.object(answer, "folder").orElse(Map.of());
            return new Folder(Json.string(f, "id").orElse(""), folder.path().name(), folder.path());
        } finally {
            cache.invalidateAll();
        }
    }

    private static FolderNotFoundException missing(Scope folder) {
        return new FolderNotFoundException("folder " + folder.environment() + ":" + folder.path() + " does not exist",
                "create it first with client.folders().ensure(...)");
    }

    private static void requireNotRoot(Scope folder) {
        if (folder.path().isRoot()) {
            throw new ValidationException("the root folder cannot be renamed or deleted", "name a sub-folder");
        }
    }
}
