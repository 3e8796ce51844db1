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

    /** Validates. */
    public Scope {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(path, "path");
        if (environment == null || environment.isBlank()) {
            throw new ValidationException("environment slug is blank", "set infisical.env-slug, e.g. dev or prod");
        }
        environment = environment.trim();
    }

    /** Scope with a normalised path. */
    public static Scope of(ProjectRef project, String environment, String path) {
        return new Scope(project, environment, SecretPath.of(path));
    }

    /** Scope in the service token's own project. */
    public static Scope ofToken(String environment, String path) {
        return of(ProjectRef.fromToken(), environment, path);
    }

    /** Same project and environment, another folder. */
    public Scope withPath(SecretPath newPath) {
        return new Scope(project, environment, newPath);
    }

    /** Same project and folder, another environment. */
    public Scope withEnvironment(String newEnvironment) {
        return new Scope(project, newEnvironment, path);
    }

    @Override
    public String toString() {
        return environment + ":" + path + " (" + project + ")";
    }
}
