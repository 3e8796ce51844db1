package dev.infisicalpro.rotation;

/**
 * Which password one side (the database or Infisical) holds after a rotation attempt.
 *
 * <pre>{@code
 * catch (RotationException e) {
 *     if (e.database() == PasswordState.NEW && e.infisical() == PasswordState.PREVIOUS) { ... }
 * }
 * }</pre>
 */
public enum PasswordState {
    /** The password in use before the rotation started. */
    PREVIOUS,
    /** The newly generated password. */
    NEW,
    /** Could not be established (the side did not answer). */
    UNKNOWN
}
