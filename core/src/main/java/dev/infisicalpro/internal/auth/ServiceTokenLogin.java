package dev.infisicalpro.internal.auth;

import dev.infisicalpro.Credentials;

import java.util.ArrayList;
import java.util.List;

/**
 * A service token {@code st.<id>.<secret>[.<key>]}: sent as {@code st.<id>.<secret>} (the 4th part is a
 * client-side key the server ignores, and never leaves the process); no login, no renewal. Not API.
 */
final class ServiceTokenLogin implements Login {

    private final Credentials.ServiceToken credentials;
    private final String sent;

    ServiceTokenLogin(Credentials.ServiceToken credentials) {
        this.credentials = credentials;
        this.sent = threeParts(credentials.token());
    }

    /** {@code st.<id>.<secret>[.<key>]} → {@code st.<id>.<secret>}. */
    static String threeParts(String token) {
        String[] p = token.split("\\.");
        return p[0] + "." + p[1] + "." + p[2];
    }

    @Override
    public String fixedToken() {
        return sent;
    }

    @Override
    public boolean isServiceToken() {
        return true;
    }

    @Override
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        String[] p = credentials.token().split("\\.");
        out.add(credentials.token());
        for (int i = 2; i < p.length; i++) {
            out.add(p[i]); // the secret and key parts on their own
        }
        return out;
    }

    @Override
    public String toString() {
        return "ServiceTokenLogin[" + credentials + "]";
    }
}
