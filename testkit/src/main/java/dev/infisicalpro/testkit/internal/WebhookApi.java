package dev.infisicalpro.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.infisicalpro.testkit.Generation;
import dev.infisicalpro.testkit.internal.FakeServer.Caller;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/webhooks}: create, list, update, delete and test project webhooks. Only a person's
 * session may call them (a machine identity or service token gets 403, as on the real server). The
 * project field is {@code workspaceId} on OCT24 and {@code projectId} on CURRENT. Shapes read from the
 * server's webhook router. Not API.
 */
final class WebhookApi {

    private final FakeServer srv;
    private final ApiSupport api;
    private final WebhookDispatcher dispatcher;
    private final boolean oct24;

    WebhookApi(FakeServer srv, ApiSupport api, WebhookDispatcher dispatcher) {
        this.srv = srv;
        this.api = api;
        this.dispatcher = dispatcher;
        this.oct24 = srv.generation == Generation.OCT24;
    }

    private String projectField() {
        return oct24 ? "workspaceId" : "projectId";
    }

    private Store.Project project(Caller c, String id) {
        Store.Project p = srv.store.projects.get(id);
        if (p == null) {
            throw ApiError.notFound("Project with ID '" + id + "' not found");
        }
        if (c.user.project != p) {
            throw ApiError.forbiddenNamed("User not a part of the specified project with ID " + id);
        }
        return p;
    }

    private Store.Webhook hook(Caller c, String id) {
        Store.Webhook w = dispatcher.find(id);
        if (w == null) {
            throw ApiError.notFound("Webhook with ID '" + id + "' not found");
        }
        project(c, w.env.project.id);
        return w;
    }

    private void invalid(List<Map<String, Object>> issues) {
        if (!issues.isEmpty()) {
            throw ApiError.validation(oct24 ? 401 : 422, issues);
        }
    }

    private static Map<String, Object> issue(String field, String received, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", "invalid_type");
        m.put("expected", "string");
        m.put("received", received);
        m.put("path", List.of(field));
        m.put("message", message);
        return m;
    }

    private static void requiredString(JsonNode body, String field, List<Map<String, Object>> issues) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            issues.add(issue(field, v == null ? "undefined" : "null", "Required"));
        } else if (!v.isTextual()) {
            issues.add(issue(field, v.getNodeType().name().toLowerCase(Locale.ROOT),
                    "Expected string, received " + v.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
    }

    static String removeTrailingSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    JsonNode create(Req r, Caller c) {
        ObjectNode b = api.body(r);
        List<Map<String, Object>> issues = new ArrayList<>();
        requiredString(b, projectField(), issues);
        requiredString(b, "environment", issues);
        requiredString(b, "webhookUrl", issues);
        URI url = null;
        if (b.path("webhookUrl").isTextual()) {
            try {
                url = new URI(b.get("webhookUrl").asText().trim());
                if (url.getScheme() == null || url.getHost() == null) {
                    url = null;
                }
            } catch (URISyntaxException e) {
                url = null;
            }
            if (url == null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("validation", "url");
                m.put("code", "invalid_string");
                m.put("message", "Invalid url");
                m.put("path", List.of("webhookUrl"));
                issues.add(m);
            }
        }
        invalid(issues);
        Store.Project p = project(c, b.get(projectField()).asText().trim());
        String envSlug = b.get("environment").asText().trim();
        Store.Env env = p.envs.get(envSlug);
        if (env == null) {
            throw ApiError.notFound("Environment with slug '" + envSlug + "' in project with ID '" + p.id
                    + "' not found");
        }
        String path = b.path("secretPath").isTextual() ? removeTrailingSlash(b.get("secretPath").asText().trim()) : "/";
        String key = b.path("webhookSecretKey").isTextual() ? b.get("webhookSecretKey").asText() : null;
        Store.Webhook w = srv.store.addWebhook(env, path, url, key);
        ObjectNode o = srv.obj();
        o.put("message", "Successfully created webhook");
        o.set("webhook", json(w, false));
        return o;
    }

    JsonNode list(Req r, Caller c) {
        String pid = r.q(projectField());
        if (pid == null) {
            invalid(List.of(issue(projectField(), "undefined", "Required")));
        }
        Store.Project p = project(c, pid.trim());
        String env = r.q("environment");
        String path = r.q("secretPath") == null || r.q("secretPath").isEmpty() ? null
                : removeTrailingSlash(r.q("secretPath").trim());
        ObjectNode o = srv.obj();
        o.put("message", "Successfully fetched webhook");
        ArrayNode arr = o.putArray("webhooks");
        for (Store.Webhook w : p.webhooks.values()) {
            if ((env == null || w.env.slug.equals(env.trim())) && (path == null || w.secretPath.equals(path))) {
                arr.add(json(w, true));
            }
        }
        return o;
    }

    JsonNode update(Req r, Caller c, String id) {
        ObjectNode b = api.body(r);
        Store.Webhook w = hook(c, id);
        JsonNode d = b.get("isDisabled");
        if (d != null && !d.isNull()) {
            if (!d.isBoolean()) {
                invalid(List.of(issue("isDisabled", "string", "Expected boolean, received string")));
            }
            w.disabled = d.asBoolean();
            w.updatedAt = srv.store.now();
        }
        ObjectNode o = srv.obj();
        o.put("message", "Successfully updated webhook");
        o.set("webhook", json(w, false));
        return o;
    }

    JsonNode delete(Caller c, String id) {
        Store.Webhook w = hook(c, id);
        w.env.project.webhooks.remove(w.id);
        ObjectNode o = srv.obj();
        o.put("message", "Successfully deleted webhook");
        o.set("webhook", json(w, false));
        return o;
    }

    /** Called without the store lock: the delivery runs on this request, as the real route awaits it. */
    JsonNode test(Caller c, String id) {
        synchronized (srv.store) {
            hook(c, id);
        }
        dispatcher.test(id);
        synchronized (srv.store) {
            Store.Webhook w = hook(c, id);
            ObjectNode o = srv.obj();
            o.put("message", "Successfully tested webhook");
            o.set("webhook", json(w, false));
            return o;
        }
    }

    private ObjectNode json(Store.Webhook w, boolean withUrl) {
        ObjectNode o = srv.obj();
        o.put("id", w.id);
        o.put("secretPath", w.secretPath);
        if (withUrl) {
            o.put("url", w.url.toString());
        }
        if (w.lastStatus == null) {
            o.putNull("lastStatus");
        } else {
            o.put("lastStatus", w.lastStatus);
        }
        if (w.lastRunErrorMessage == null) {
            o.putNull("lastRunErrorMessage");
        } else {
            o.put("lastRunErrorMessage", w.lastRunErrorMessage);
        }
        o.put("isDisabled", w.disabled);
        o.put("createdAt", ApiSupport.iso(w.createdAt));
        o.put("updatedAt", ApiSupport.iso(w.updatedAt));
        o.put("envId", w.env.id);
        if (!oct24) {
            o.put("type", "general");
        }
        o.put("projectId", w.env.project.id);
        ObjectNode e = o.putObject("environment");
        e.put("id", w.env.id);
        e.put("name", w.env.name);
        e.put("slug", w.env.slug);
        if (!oct24) {
            o.putArray("eventsFilter");
        }
        return o;
    }
}
