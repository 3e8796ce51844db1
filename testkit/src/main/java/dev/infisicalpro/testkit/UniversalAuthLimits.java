package dev.infisicalpro.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Optional limits of a universal-auth identity, to provoke the server's "expired client secret",
 * "client secret usage limit reached" and "access token number of uses limit reached" answers.
 * Zero means "no limit", as on the server.
 *
 * <pre>{@code
 * project.createUniversalAuthIdentity("app", Role.ADMIN, Duration.ofHours(2), Duration.ofHours(24),
 *         UniversalAuthLimits.NONE.withClientSecretUsesLimit(1));
 * }</pre>
 *
 * @param clientSecretTtl          lifetime of the client secret from creation ({@code ZERO} = forever)
 * @param clientSecretUsesLimit    number of logins the client secret allows (0 = unlimited)
 * @param accessTokenUsesLimit     number of requests (and renewals) each access token allows (0 = unlimited)
 */
public record UniversalAuthLimits(Duration clientSecretTtl, int clientSecretUsesLimit, int accessTokenUsesLimit) {

    /** No limits. */
    public static final UniversalAuthLimits NONE = new UniversalAuthLimits(Duration.ZERO, 0, 0);

    /**
     * Checks the values.
     *
     * @param clientSecretTtl see the record component
     * @param clientSecretUsesLimit see the record component
     * @param accessTokenUsesLimit see the record component
     */
    public UniversalAuthLimits {
        Objects.requireNonNull(clientSecretTtl, "clientSecretTtl");
        if (clientSecretTtl.isNegative() || clientSecretUsesLimit < 0 || accessTokenUsesLimit < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /**
     * A copy with a client-secret lifetime.
     *
     * @param ttl client-secret lifetime
     * @return a copy with a client-secret lifetime
     */
    public UniversalAuthLimits withClientSecretTtl(Duration ttl) {
        return new UniversalAuthLimits(ttl, clientSecretUsesLimit, accessTokenUsesLimit);
    }

    /**
     * A copy with a client-secret login limit.
     *
     * @param limit limit (0 = none)
     * @return a copy with a client-secret login limit
     */
    public UniversalAuthLimits withClientSecretUsesLimit(int limit) {
        return new UniversalAuthLimits(clientSecretTtl, limit, accessTokenUsesLimit);
    }

    /**
     * A copy with a per-access-token use limit.
     *
     * @param limit limit (0 = none)
     * @return a copy with a per-access-token use limit
     */
    public UniversalAuthLimits withAccessTokenUsesLimit(int limit) {
        return new UniversalAuthLimits(clientSecretTtl, clientSecretUsesLimit, limit);
    }
}
