package dev.infisicalpro;

import java.util.Objects;

/**
 * Where secrets live: project, environment slug and folder path.
 *
 * <pre>{@code
 * Scope scope = Scope.of(ProjectRef.id(projectId), "prod", "/app");
 * Scope sub = scope.withPath(scope.path().child("db"));
 * }</pre>
 *
 * @param project     the project
 * @param environment environment slug, e.g. {@code dev}, {@code prod}
 * @param path        folder path
 */
public record Scope(ProjectRef project, String environment, SecretPath path) {

    /**
     * Validates.
     *
     * @param project the project, not null
     * @param environment environment slug, not blank; trimmed
     * @param path folder path, not null
     */
    public Scope {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(path, "path");
        if (environment == null || environment.isBlank()) {
            throw new ValidationException("environment slug is blank", "set infisical.env-slug, e.g. dev or prod");
        }
        environment = environment.trim();
    }

    /**
     * Scope with a normalised path.
     *
     * @param project the project
     * @param environment environment slug, e.g. {@code dev}
     * @param path folder path as a user writes it ({@code ""}, {@code /a/b}, {@code a/b/})
     * @return the scope
     * @throws ValidationException when the environment is blank or the path is not a valid folder path
     */
    public static Scope of(ProjectRef project, String environment, String path) {
        return new Scope(project, environment, SecretPath.of(path));
    }

    /**
     * Scope in the service token's own project.
     *
     * @param environment environment slug, e.g. {@code dev}
     * @param path folder path as a user writes it
     * @return a scope whose project is {@link ProjectRef#fromToken()}
     */
    public static Scope ofToken(String environment, String path) {
        return of(ProjectRef.fromToken(), environment, path);
    }

    /**
     * Same project and environment, another folder.
     *
     * @param newPath the other folder
     * @return a copy with only the path changed
     */
    public Scope withPath(SecretPath newPath) {
        return new Scope(project, environment, newPath);
    }

    /**
     * Same project and folder, another environment.
     *
     * @param newEnvironment the other environment slug
     * @return a copy with only the environment changed
     */
    public Scope withEnvironment(String newEnvironment) {
        return new Scope(project, newEnvironment, path);
    }

    @Override
    public String toString() {
        return environment + ":" + path + " (" + project + ")";
    }
}
