package dev.infisicalpro;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link LiveSecrets} loads: one project and environment, one or more folders merged in
 * order (a later folder wins on a key collision), and list options.
 *
 * <pre>{@code
 * SecretQuery q = SecretQuery.of(ProjectRef.id(projectId), "prod", "/shared", "/billing");
 * }</pre>
 *
 * @param project     project
 * @param environment environment slug
 * @param paths       folders in merge order (non-empty)
 * @param options     list options applied to every folder
 */
public record SecretQuery(ProjectRef project, String environment, List<SecretPath> paths, ListOptions options) {

    /**
     * Validates and copies.
     *
     * @param project the project, not null
     * @param environment environment slug, not blank
     * @param paths folders in merge order, at least one; copied
     * @param options list options, not null
     */
    public SecretQuery {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(options, "options");
        if (environment == null || environment.isBlank()) {
            throw new ValidationException("environment slug is blank", "set infisical.env-slug, e.g. dev or prod");
        }
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new ValidationException("no secrets path given", "set infisical.secrets-path, e.g. /");
        }
    }

    /**
     * Default options over the given paths.
     *
     * @param project the project
     * @param environment environment slug
     * @param paths folder paths as users write them, later ones win on equal keys
     * @return a query with {@link ListOptions#defaults()}
     */
    public static SecretQuery of(ProjectRef project, String environment, String... paths) {
        return new SecretQuery(project, environment,
                java.util.Arrays.stream(paths).map(SecretPath::of).toList(), ListOptions.defaults());
    }

    /**
     * The scope of one of the paths.
     *
     * @param path one folder of this query
     * @return the scope that reads that folder in this query's project and environment
     */
    public Scope scope(SecretPath path) {
        return new Scope(project, environment, path);
    }

    /**
     * Copy with other options.
     *
     * @param newOptions the list options to use
     * @return a copy with only the options changed
     */
    public SecretQuery withOptions(ListOptions newOptions) {
        return new SecretQuery(project, environment, paths, newOptions);
    }

    @Override
    public String toString() {
        return environment + ":" + paths + " (" + project + ")";
    }
}
