package dev.infisicalpro.internal;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.NotFoundException;
import dev.infisicalpro.PermissionDeniedException;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;
import dev.infisicalpro.ServiceTokenInfo;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link ProjectRef} into what the wire needs. Reads may name a project by slug
 * ({@code workspaceSlug} on the v3 list); writes and folder routes need the id, so a slug is resolved
 * once with {@code GET /api/v2/workspace/<slug>} and cached. Only a server without that route falls back
 * to learning the id from the {@code workspace} field of a listing. Concurrent first uses of a slug share
 * one resolution (no HTTP call runs inside a map's lock). Not API.
 */
final class ProjectResolver {

    private final Transport transport;
    private final ServiceTokenDescription tokens;
    private final Map<String, String> slugToId = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> resolving = new ConcurrentHashMap<>();

    ProjectResolver(Transport transport, ServiceTokenDescription tokens) {
        this.transport = transport;
        this.tokens = tokens;
    }

    /** The query parameter naming the project of a read. */
    Map.Entry<String, String> readParameter(Scope scope) {
        ProjectRef p = scope.project();
        if (p instanceof ProjectRef.Slug slug) {
            String id = slugToId.get(slug.value());
            if (id != null) {
                return entry(ApiPaths.WORKSPACE_ID, id);
            }
            if (tokens.isServiceToken()) {
                // OCT24 honours workspaceSlug only for machine identities: use the token's project.
                return entry(ApiPaths.WORKSPACE_ID, projectId(scope));
            }
            return entry(ApiPaths.WORKSPACE_SLUG, slug.value());
        }
        return entry(ApiPaths.WORKSPACE_ID, projectId(scope));
    }

    /** The project id (resolving a slug or the service token's project). */
    String projectId(Scope scope) {
        ProjectRef p = scope.project();
        if (p instanceof ProjectRef.Id id) {
            return id.value();
        }
        if (p instanceof ProjectRef.Slug slug) {
            return resolveOnce(slug.value(), scope.environment());
        }
        Optional<ServiceTokenInfo> info = tokens.serviceTokenInfo();
        if (info.isPresent() && !info.get().projectId().isEmpty()) {
            return info.get().projectId();
        }
        if (!tokens.isServiceToken()) {
            throw new ValidationException("no project given",
                    "set infisical.project-id (or infisical.project-slug); only a service token knows its project");
        }
        throw new ValidationException("the service token's project could not be learned from the server",
                "set infisical.project-id");
    }

    /** Single-flight: the first caller resolves, concurrent callers wait for its result; failures are not cached. */
    private String resolveOnce(String slug, String environment) {
        String known = slugToId.get(slug);
        if (known != null) {
            return known;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = resolving.putIfAbsent(slug, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
        try {
            String id = resolveSlug(slug, environment);
            slugToId.put(slug, id);
            mine.complete(id);
            return id;
        } catch (Throwable e) {
            // Errors too (a LinkageError from a dependency clash): the waiters must not hang in join()
            mine.completeExceptionally(e);
            throw e;
        } finally {
            resolving.remove(slug, mine);
            mine.completeExceptionally(new IllegalStateException("project slug resolution ended without a result"));
        }
    }

    private String resolveSlug(String slug, String environment) {
        if (tokens.isServiceToken()) {
            // the route is not open to service tokens; a token has exactly one project
            return projectId(new Scope(ProjectRef.fromToken(), environment, dev.infisicalpro.SecretPath.ROOT));
        }
        Transport.Call byslug = Transport.Call.get(ApiPaths.WORKSPACE_BY_SLUG + ApiPaths.segment(slug), List.of());
        Map<String, Object> answer;
        try {
            answer = transport.object(byslug, transport.execute(byslug));
        } catch (NotFoundException e) {
            if (ErrorMapper.isRouteNotFound(e)) {
                return resolveFromListing(slug, environment); // a server without the route
            }
            throw new NotFoundException("project slug '" + slug + "' not found",
                    "check infisical.project-slug (the slug in the project's URL/settings, not its name), "
                            + "or set infisical.project-id", e.request().orElse(null), e);
        } catch (PermissionDeniedException e) {
            throw new PermissionDeniedException("not allowed to read project '" + slug + "'",
                    "the machine identity is not a member of that project (or lacks access to it); add it to the "
                            + "project, or check infisical.project-slug", e.request().orElse(null), e);
        }
        Map<String, Object> w = Json.object(answer, "workspace").orElse(answer); // tolerate a wrapped answer
        return Json.string(w, "id").or(() -> Json.string(w, "_id")).filter(x -> !x.isBlank())
                .orElseThrow(() -> new ValidationException("the server's answer for project slug '" + slug
                        + "' carries no id", "set infisical.project-id instead of the slug"));
    }

    /** Older or proxied servers without the slug route: a listing's items name their project. */
    private String resolveFromListing(String slug, String environment) {
        Transport.Call list = Transport.Call.get(ApiPaths.SECRETS_RAW, List.of(
                entry(ApiPaths.WORKSPACE_SLUG, slug), entry(ApiPaths.ENVIRONMENT, environment),
                entry(ApiPaths.SECRET_PATH, "/"), entry(ApiPaths.RECURSIVE, "true"),
                entry(ApiPaths.INCLUDE_IMPORTS, "false"), entry(ApiPaths.EXPAND_SECRET_REFERENCES, "false")));
        Map<String, Object> answer = transport.object(list, transport.execute(list));
        for (Map<String, Object> s : Json.objects(answer, ApiPaths.SECRETS)) {
            Optional<String> ws = Json.string(s, "workspace").filter(w -> !w.isBlank());
            if (ws.isPresent()) {
                return ws.get();
            }
        }
        throw new ValidationException("cannot resolve project slug '" + slug + "' to a project id (this server "
                + "has no " + ApiPaths.WORKSPACE_BY_SLUG + "<slug> route and the environment " + environment
                + " has no secrets to learn it from)", "set infisical.project-id instead of the slug");
    }

    static Map.Entry<String, String> entry(String k, String v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }
}
