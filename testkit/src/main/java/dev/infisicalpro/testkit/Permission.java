package dev.infisicalpro.testkit;

/**
 * A service-token permission. {@code READ} allows reads, {@code WRITE} allows create, edit and delete
 * (exactly how the server builds its rules from a token's {@code permissions}).
 *
 * <pre>{@code
 * project.createServiceToken("ci", List.of(TokenScope.of("dev", "/**")), EnumSet.of(Permission.READ));
 * }</pre>
 */
public enum Permission {
    /** Read secrets ({@code "read"} on the wire). */
    READ,
    /** Create, edit and delete secrets ({@code "write"} on the wire). */
    WRITE;

    /**
     * The wire spelling, {@code "read"} or {@code "write"}.
     *
     * @return the wire spelling, {@code "read"} or {@code "write"}
     */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
