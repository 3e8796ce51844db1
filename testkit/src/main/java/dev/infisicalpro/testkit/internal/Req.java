package dev.infisicalpro.testkit.internal;

import java.util.List;
import java.util.Map;

/** One parsed request. Not API. */
final class Req {
    final String method;
    final String rawPath;
    final String path;
    final String rawTarget;
    final Map<String, List<String>> query;
    final Map<String, List<String>> headers;
    final byte[] body;
    final boolean tooLarge;
    final String clientIp;

    Req(String method, String rawPath, String path, String rawTarget, Map<String, List<String>> query,
        Map<String, List<String>> headers, byte[] body, boolean tooLarge, String clientIp) {
        this.method = method;
        this.rawPath = rawPath;
        this.path = path;
        this.rawTarget = rawTarget;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.tooLarge = tooLarge;
        this.clientIp = clientIp;
    }

    Req withMethod(String m) {
        return new Req(m, rawPath, path, rawTarget, query, headers, body, tooLarge, clientIp);
    }

    String q(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
