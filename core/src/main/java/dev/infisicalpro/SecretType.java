package dev.infisicalpro;

/**
 * Shared secrets are the project's; personal ones override a shared key for one user only.
 *
 * <pre>{@code
 * boolean personal = client.secrets().get(scope, "DB_PASSWORD").type() == SecretType.PERSONAL;
 * }</pre>
 */
public enum SecretType {
    /** Visible to everyone with access; what machine identities read and write. */
    SHARED,
    /** A user's own override of a shared key. */
    PERSONAL;

    /**
     * The wire spelling ({@code shared} / {@code personal}).
     *
     * @return the value the server's {@code type} field uses
     */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
