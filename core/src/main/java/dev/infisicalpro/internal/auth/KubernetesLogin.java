package dev.infisicalpro.internal.auth;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.internal.ApiPaths;
import dev.infisicalpro.internal.SmallFile;
import dev.infisicalpro.internal.Transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes auth: the identity id and the service-account JWT, re-read from its file at each login. Not API. */
final class KubernetesLogin implements Login {

    private final Transport transport;
    private final Credentials.Kubernetes credentials;

    KubernetesLogin(Credentials.Kubernetes credentials, Transport transport) {
        this.transport = transport;
        this.credentials = credentials;
    }

    @Override
    public Grant login() {
        return Login.identityLogin(transport, ApiPaths.KUBERNETES_AUTH_LOGIN, body());
    }

    @Override
    public Grant renew(String token, long fallbackExpiresIn) {
        return Login.renewIdentityToken(transport, token, fallbackExpiresIn);
    }

    private Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.IDENTITY_ID, credentials.identityId());
        body.put(ApiPaths.JWT, readJwt()); // re-read at each login: kubelet rotates the file
        return body;
    }

    private String readJwt() {
        // the path is quoted only when it is the well-known default (anything else is a setting's value)
        String what = "the Kubernetes service-account token file"
                + (credentials.tokenPath().equals(Credentials.DEFAULT_KUBERNETES_TOKEN_PATH)
                ? " " + credentials.tokenPath() : " (infisical.auth.kubernetes.token-path)");
        String hint = "mount the service-account token, or set infisical.auth.kubernetes.token-path";
        String jwt = SmallFile.read(credentials.tokenPath(), what, hint);
        if (jwt.isEmpty()) {
            throw new ValidationException(what + " is empty", hint);
        }
        return jwt;
    }

    @Override
    public List<String> secrets() {
        return List.of(); // the JWT is read per login and scrubbed as part of that request's body
    }

    @Override
    public String toString() {
        return "KubernetesLogin[" + credentials + "]";
    }
}
