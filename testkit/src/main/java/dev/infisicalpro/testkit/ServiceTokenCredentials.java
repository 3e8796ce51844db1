package dev.infisicalpro.testkit;

import java.util.Objects;

/**
 * A service token created on a {@link FakeInfisical} project. {@link #token()} is the 4-part form
 * users copy from the web UI ({@code st.<id>.<secret>.<key>}); {@link #bearer()} is the 3-part form
 * that the server actually checks. {@code toString()} never prints the secret parts.
 *
 * <pre>{@code
 * ServiceTokenCredentials st = project.createServiceToken("ci", List.of(TokenScope.of("dev", "/**")),
 *         EnumSet.of(Permission.READ));
 * request.header("Authorization", "Bearer " + st.token());
 * }</pre>
 *
 * @param id        token id (the second dot-separated part)
 * @param name      token name
 * @param projectId project the token belongs to
 * @param token     full token {@code st.<id>.<secret>.<key>}
 */
public record ServiceTokenCredentials(String id, String name, String projectId, String token) {

    /**
     * Checks that no component is null.
     *
     * @param id see the record component
     * @param name see the record component
     * @param projectId see the record component
     * @param token see the record component
     */
    public ServiceTokenCredentials {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(token, "token");
    }

    /**
     * The 3-part form {@code st.<id>.<secret>} (without the client-side key).
     *
     * @return the 3-part form {@code st.<id>.<secret>} (without the client-side key)
     */
    public String bearer() {
        String[] parts = token.split("\\.", 4);
        return parts[0] + "." + parts[1] + "." + parts[2];
    }

    @Override
    public String toString() {
        return "ServiceTokenCredentials[id=" + id + ", name=" + name + ", projectId=" + projectId
                + ", token=st." + id + ".***]";
    }
}
