package dev.infisicalpro.testkit;

/**
 * Which Infisical server generation {@link FakeInfisical} imitates.
 *
 * <p>The default is {@link #OCT24}: it is the only generation whose behaviour was verified against a
 * running server (the testkit's {@code Oct24*Test} classes replay those transcripts); {@link #CURRENT} follows
 * the newer server as read from its source and was never run.
 *
 * <pre>{@code
 * FakeInfisical fake = FakeInfisical.builder().generation(Generation.CURRENT).build().start();
 * }</pre>
 */
public enum Generation {
    /**
     * Infisical at commit {@code 593bda8b} (2024-10-24), reproduced from real-server transcripts:
     * validation failures are 401 {@code ValidationFailure}, an out-of-scope list is 403, a missing
     * folder lists as {@code 200 {"secrets":[],"imports":[]}}, folder create is idempotent, an unknown
     * client id is 404, renew returns the same token string, no {@code reqId} in error bodies.
     */
    OCT24,
    /**
     * Newer servers (2025–2026, read from source): validation failures are 422, error bodies carry
     * {@code reqId}, a missing folder lists as 404 {@code SecretPathNotFound}, a duplicate folder is
     * 400, an unknown client id is 401 "Invalid credentials", three failed logins lock the identity for
     * 300 s, an out-of-scope list is an empty 200, renew returns a new token, v4 routes exist.
     */
    CURRENT
}
