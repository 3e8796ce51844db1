package dev.infisicalpro.testkit;

/**
 * The project role of a machine identity.
 *
 * <pre>{@code
 * project.createUniversalAuthIdentity("app", Role.VIEWER, Duration.ofHours(2), Duration.ofHours(24));
 * }</pre>
 */
public enum Role {
    /** Full access to the project's secrets, folders and imports. */
    ADMIN,
    /** Read-only: writes answer 403 "You are not allowed to create on secrets". */
    VIEWER
}
