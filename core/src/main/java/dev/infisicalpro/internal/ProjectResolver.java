package dev.infisicalpro.internal;

import dev.infisicalpro.ConfigurationException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;
import dev.infisicalpro.ServiceTokenInfo;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link ProjectRef} into what the wire needs. Reads may name a project by slug
 * ({@code workspaceSlug} on the v3 list); writes and folder routes need the id, so a slug is resolved
 * once (from the {@code workspace} field of a root listing, else {@code GET /api/v2/workspace/<slug>})
 * and cached. Not API.
 */
final class ProjectResolver {

    private final Transport transport;
    private final TokenManager tokens;
    private final Map<String, String> slugToId = new ConcurrentHashMap<>();

    ProjectResolver(Transport transport, TokenManager tokens) {
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
            return slugToId.computeIfAbsent(slug.value(), s -> resolveSlug(s, scope.environment()));
        }
        Optional<ServiceTokenInfo> info = tokens.serviceTokenInfo();
        if (info.isPresent() && !info.get().projectId().isEmpty()) {
            return info.get().projectId();
        }
        if (!tokens.isServiceToken()) {
            throw new ConfigurationException("no project given",
                    "set infisical.project-id (or infisical.project-slug); only a service token knows its project");
        }
        throw new ConfigurationException("the service token's project could not be learned from the server",
                "set infisical.project-id");
    }

    private String resolveSlug(String slug, String environment) {
        if (tokens.isServiceToken()) {
            return projectId(new Scope(ProjectRef.fromToken(), environment, dev.infisicalpro.SecretPath.ROOT));
        }
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
        Transport.Call byslug = Transport.Call.get(ApiPaths.WORKSPACE_BY_SLUG + ApiPaths.segment(slug), List.of());
        try {
            Map<String, Object> ws = transport.object(byslug, transport.execute(byslug));
            Map<String, Object> w = Json.object(ws, "workspace").orElse(ws);
            Optional<String> id = Json.string(w, "id").or(() -> Json.string(w, "_id")).filter(x -> !x.isBlank());
            if (id.isPresent()) {
                return id.get();
            }
        } catch (InfisicalException e) {
            // fall through to the configuration error below
        }
        throw new ConfigurationException("cannot resolve project slug '" + slug + "' to a project id (the environment "
                + environment + " has no secrets to learn it from)", "set infisical.project-id instead of the slug");
    }

    static Map.Entry<String, String> entry(String k, String v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }
}
