package dev.infisicalpro.rotation;

/**
 * Progress of a rotation, reported in this order to a {@link PostgresRotation.Builder#onStep listener}
 * (a step that did not happen is not reported). No step carries a password.
 *
 * <pre>{@code
 * PostgresRotation.builder(client, scope, "DB_PASSWORD")
 *         .onStep(step -> progress.report("rotation: " + step))
 * }</pre>
 */
public enum RotationStep {
    /** PostgreSQL now requires the new password (existing sessions keep running). */
    DATABASE_CHANGED,
    /** A fresh login with the new password succeeded. */
    LOGIN_VERIFIED,
    /** Infisical holds the new password: applications that (re)load now get a working one. */
    INFISICAL_WRITTEN,
    /** The previous password was written to the previous-value key. */
    PREVIOUS_VALUE_WRITTEN
}
