package dev.infisicalpro.cli.exec;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.NotFoundException;
import dev.infisicalpro.PermissionDeniedException;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.ScopeMismatchException;
import dev.infisicalpro.Scope;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretListing;
import dev.infisicalpro.SecretPath;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Answers many ids with one list request per distinct (environment, folder), never one per id, and
 * gives each id its own outcome: its value, an error about that id (not found in {@code dev:/app},
 * scope mismatch with the fix, permission denied), or the shared failure that kept it from being
 * looked up (authentication, network, server).
 *
 * <pre>{@code
 * BatchResolver r = new BatchResolver(client, project, () -> "dev", List.of(SecretPath.ROOT), options, pool);
 * Map<String, BatchResolver.Outcome> outcomes = r.resolve(ids);
 * }</pre>
 */
public final class BatchResolver {

    /** What became of one id. */
    public sealed interface Outcome {
        /** True for a value. */
        default boolean ok() {
            return this instanceof Value;
        }
    }

    /** The id's value. @param value the secret value */
    public record Value(String value) implements Outcome {
        @Override
        public String toString() {
            return "Value[***]";
        }
    }

    /** An answer about this id (not found, not allowed, invalid). @param message safe to print */
    public record IdError(String message) implements Outcome {
    }

    /**
     * The id could not be looked up for a reason shared with others (authentication, network, server,
     * configuration). @param message safe to print @param cause the library's exception, if any
     */
    public record SharedError(String message, Optional<InfisicalException> cause) implements Outcome {
    }

    private record Folder(String environment, SecretPath path) {
        @Override
        public String toString() {
            return environment + ":" + path;
        }
    }

    private final InfisicalClient client;
    private final ProjectRef project;
    private final Supplier<String> defaultEnvironment;
    private final List<SecretPath> defaultPaths;
    private final ListOptions options;
    private final Executor executor;
    private final Map<Folder, CompletableFuture<SecretListing>> lists = new ConcurrentHashMap<>();

    /**
     * @param defaultEnvironment the environment of ids that name none (asked only when needed: it may
     *                           ask the server, and may throw)
     * @param defaultPaths       folders of ids that name none, merged in order (later wins)
     * @param executor           runs the list requests (in parallel when it has threads)
     */
    public BatchResolver(InfisicalClient client, ProjectRef project, Supplier<String> defaultEnvironment,
                         List<SecretPath> defaultPaths, ListOptions options, Executor executor) {
        this.client = client;
        this.project = project;
        this.defaultEnvironment = defaultEnvironment;
        this.defaultPaths = List.copyOf(defaultPaths);
        this.options = options;
        this.executor = executor;
    }

    /**
     * Resolves the ids; {@code sink} hears each id's outcome as soon as it is known, so a caller with a
     * deadline can answer with what is done.
     */
    public void resolve(List<SecretId> ids, java.util.function.BiConsumer<String, Outcome> sink) {
        Map<SecretId, List<Folder>> plan = new LinkedHashMap<>();
        String env = null;
        InfisicalException envFailure = null;
        for (SecretId id : ids) {
            String e;
            if (id.environment().isPresent()) {
                e = id.environment().get();
            } else {
                if (env == null && envFailure == null) {
                    try {
                        env = defaultEnvironment.get();
                    } catch (InfisicalException ex) {
                        envFailure = ex;
                    }
                }
                if (envFailure != null) {
                    sink.accept(id.id(), shared(envFailure));
                    continue;
                }
                e = env;
            }
            String environment = e;
            List<Folder> folders = id.path().map(p -> List.of(new Folder(environment, p)))
                    .orElseGet(() -> defaultPaths.stream().map(p -> new Folder(environment, p)).toList());
            plan.put(id, folders);
        }
        // every distinct folder is listed once, all at the same time
        plan.values().stream().flatMap(List::stream).distinct().forEach(f ->
                lists.computeIfAbsent(f, k -> CompletableFuture.supplyAsync(
                        () -> client.secrets().list(new Scope(project, k.environment(), k.path()), options), executor)));
        for (Map.Entry<SecretId, List<Folder>> entry : plan.entrySet()) {
            sink.accept(entry.getKey().id(), lookUp(entry.getKey(), entry.getValue()));
        }
    }

    private Outcome lookUp(SecretId id, List<Folder> folders) {
        Secret found = null;
        boolean allEmpty = true;
        for (Folder folder : folders) {
            SecretListing listing;
            try {
                listing = lists.get(folder).join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InfisicalException ie) {
                    return idLevel(ie) ? new IdError(folder + ": " + ie.getMessage()) : shared(ie);
                }
                return new SharedError(folder + ": unexpected " + cause.getClass().getSimpleName(), Optional.empty());
            }
            allEmpty &= listing.secrets().isEmpty() && listing.imports().isEmpty();
            Secret s = listing.effective().get(id.key());
            if (s != null) {
                found = s; // a later folder wins, as in the library's merged queries
            }
        }
        if (found != null) {
            return new Value(found.value());
        }
        String where = folders.isEmpty() ? "" : folders.get(0).environment() + ":"
                + folders.stream().map(f -> f.path().toString()).collect(Collectors.joining(", "));
        return new IdError(id.key() + " not found in " + where
                + (options.includeImports() ? " (imports included)" : " (imports not included)")
                + (allEmpty ? "; the folder is empty or does not exist" : ""));
    }

    /** Errors that are an answer about the asked folder or key rather than about the connection. */
    private static boolean idLevel(InfisicalException e) {
        return e instanceof ScopeMismatchException || e instanceof PermissionDeniedException
                || e instanceof NotFoundException || e instanceof ValidationException;
    }

    private static SharedError shared(InfisicalException e) {
        return new SharedError(e.getMessage(), Optional.of(e));
    }

    /** For tests and reports: the folders listed so far. */
    List<String> listedFolders() {
        return new ArrayList<>(lists.keySet().stream().map(Folder::toString).toList());
    }
}
