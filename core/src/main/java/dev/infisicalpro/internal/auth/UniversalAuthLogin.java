package dev.infisicalpro.internal.auth;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.internal.ApiPaths;
import dev.infisicalpro.internal.Transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Universal auth: client id and client secret, camelCase only (snake_case is a 401/422). Not API. */
final class UniversalAuthLogin implements Login {

    private final Transport transport;
    private final Credentials.UniversalAuth credentials;

    UniversalAuthLogin(Credentials.UniversalAuth credentials, Transport transport) {
        this.transport = transport;
        this.credentials = credentials;
    }

    @Override
    public Grant login() {
        return Login.identityLogin(transport, ApiPaths.UNIVERSAL_AUTH_LOGIN, body());
    }

    @Override
    public Grant renew(String token, long fallbackExpiresIn) {
        return Login.renewIdentityToken(transport, token, fallbackExpiresIn);
    }

    private Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.CLIENT_ID, credentials.clientId());
        body.put(ApiPaths.CLIENT_SECRET, credentials.clientSecret());
        return body;
    }

    @Override
    public List<String> secrets() {
        return List.of(credentials.clientSecret());
    }

    @Override
    public String toString() {
        return "UniversalAuthLogin[" + credentials + "]";
    }
}
