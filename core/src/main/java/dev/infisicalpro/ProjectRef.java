package dev.infisicalpro;

/**
 * Which project (Infisical's API calls it "workspace") a request addresses.
 *
 * <pre>{@code
 * ProjectRef.id("6543b1f0c8e5a1d2e3f4a5b6");
 * ProjectRef.slug("payments-7f3a");
 * ProjectRef.fromToken();   // the project a service token belongs to
 * }</pre>
 */
public sealed interface ProjectRef permits ProjectRef.Id, ProjectRef.Slug, ProjectRef.FromToken {

    /**
     * A project by id.
     *
     * @param id the project's id as the Infisical UI shows it (project settings)
     * @return a reference sent as the {@code workspaceId} of every request
     * @throws ValidationException when {@code id} is blank
     */
    static ProjectRef id(String id) {
        return new Id(id);
    }

    /**
     * A project by slug.
     *
     * @param slug the project's slug
     * @return a reference the client resolves to an id once, with one request per client
     * @throws ValidationException when {@code slug} is blank
     */
    static ProjectRef slug(String slug) {
        return new Slug(slug);
    }

    /**
     * The project of the client's service token (learned from {@code GET /api/v2/service-token}).
     *
     * @return the one reference that needs service-token credentials
     */
    static ProjectRef fromToken() {
        return FromToken.INSTANCE;
    }

    /**
     * A project id.
     *
     * @param value non-blank id
     */
    record Id(String value) implements ProjectRef {
        /**
         * Validates.
         *
         * @param value the project id, not blank
         */
        public Id {
            requireText(value, "project id", "infisical.project-id");
        }

        @Override
        public String toString() {
            return "project " + value;
        }
    }

    /**
     * A project slug.
     *
     * @param value non-blank slug
     */
    record Slug(String value) implements ProjectRef {
        /**
         * Validates.
         *
         * @param value the project slug, not blank
         */
        public Slug {
            requireText(value, "project slug", "infisical.project-slug");
        }

        @Override
        public String toString() {
            return "project slug " + value;
        }
    }

    /** The service token's own project. */
    enum FromToken implements ProjectRef {
        /** The one instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "project of the service token";
        }
    }

    private static void requireText(String value, String what, String key) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(what + " is blank", "set " + key);
        }
    }
}
