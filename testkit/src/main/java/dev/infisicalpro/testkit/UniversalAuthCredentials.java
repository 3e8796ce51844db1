package dev.infisicalpro.testkit;

import java.util.Objects;

/**
 * The credentials of a universal-auth machine identity created on a {@link FakeInfisical} project.
 * {@code toString()} never prints the client secret.
 *
 * <pre>{@code
 * UniversalAuthCredentials ua = project.createUniversalAuthIdentity("app", Role.ADMIN,
 *         Duration.ofHours(2), Duration.ofHours(24));
 * // POST /api/v1/auth/universal-auth/login {"clientId": ua.clientId(), "clientSecret": ua.clientSecret()}
 * }</pre>
 *
 * @param identityId   the machine identity id
 * @param clientId     universal-auth client id
 * @param clientSecret universal-auth client secret
 */
public record UniversalAuthCredentials(String identityId, String clientId, String clientSecret) {

    /**
     * Checks that no component is null.
     *
     * @param identityId see the record component
     * @param clientId see the record component
     * @param clientSecret see the record component
     */
    public UniversalAuthCredentials {
        Objects.requireNonNull(identityId, "identityId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "UniversalAuthCredentials[identityId=" + identityId + ", clientId=" + clientId
                + ", clientSecret=***]";
    }
}
