package dev.infisicalpro.internal.auth;

import dev.infisicalpro.Credentials;

import java.util.List;

/** An access token obtained elsewhere: sent as is; no login, no renewal. Not API. */
final class StaticTokenLogin implements Login {

    private final Credentials.AccessToken credentials;

    StaticTokenLogin(Credentials.AccessToken credentials) {
        this.credentials = credentials;
    }

    @Override
    public String fixedToken() {
        return credentials.token();
    }

    @Override
    public List<String> secrets() {
        return List.of(credentials.token());
    }

    @Override
    public String toString() {
        return "StaticTokenLogin[" + credentials + "]";
    }
}
