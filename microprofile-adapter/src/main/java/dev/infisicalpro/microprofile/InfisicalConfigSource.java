package dev.infisicalpro.microprofile;

import dev.infisicalpro.LiveSecrets;
import org.jspecify.annotations.Nullable;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.SecretSnapshot;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Infisical secrets as a MicroProfile {@link ConfigSource}, backed by a {@link LiveSecrets}: every
 * lookup reads the current snapshot, so a background refresh is visible to the next
 * {@code Config.getValue} (injected {@code @ConfigProperty} fields keep the value they were injected
 * with; use {@code Provider<String>}/{@code Config} for rotating values).
 *
 * <p>Names: a secret {@code DB_PASSWORD} answers {@code DB_PASSWORD} and
 * {@code db.password}; {@code quarkus.datasource.password} finds {@code QUARKUS_DATASOURCE_PASSWORD}
 * (MicroProfile's environment-variable rules: exact, then non-alphanumerics as {@code _}, then
 * upper-case). The default ordinal is 270: above {@code application.properties} (250), below
 * environment variables (300) and system properties (400).
 *
 * <p>Usually created by {@link InfisicalConfigSourceFactory}; to add one by hand:
 * <pre>{@code
 * LiveSecrets live = client.live(SecretQuery.of(ProjectRef.id(projectId), "prod", "/app")).start();
 * SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources()
 *         .withSources(InfisicalConfigSource.of(live, 270)).build();
 * }</pre>
 *
 * <p>{@code toString()}, {@link #getName()} and every log line show key names and folders only,
 * never values.
 */
public final class InfisicalConfigSource implements ConfigSource, AutoCloseable {

    /** The default ordinal ({@code infisical.ordinal}). */
    public static final int DEFAULT_ORDINAL = 270;

    private static final System.Logger LOG = System.getLogger(InfisicalConfigSource.class.getName());

    private final LiveSecrets live;
    private final int ordinal;
    private final String name;
    private final AutoCloseable owned;
    /** Collision groups already reported, so each is warned about once. */
    private final Set<String> reportedCollisions;
    /** The names of one secrets revision ({@link SecretSnapshot#revision()}; 0 = none computed yet). */
    private volatile Names names = new Names(0, Set.of());
    /** How often names and collisions were computed (tests: lookups must not compute them). */
    private final AtomicInteger namesComputed = new AtomicInteger();
    /** The Cleaner registration of a factory source's lease; {@code null} for {@link #of} sources. */
    private volatile Cleaner.Cleanable cleanable;

    private InfisicalConfigSource(LiveSecrets live, int ordinal, String project, AutoCloseable owned,
                                  Set<String> reportedCollisions) {
        this.live = Objects.requireNonNull(live, "live");
        this.reportedCollisions = reportedCollisions;
        this.ordinal = ordinal;
        this.name = sourceName(project, live.query());
        this.owned = owned;
        currentNames(); // report collisions of the first load at start-up
    }

    /**
     * A source over a started {@link LiveSecrets}; closing the source does not close {@code live}
     * or its client.
     *
     * @param live    the live view to read (not copied)
     * @param ordinal the source's ordinal, e.g. {@link #DEFAULT_ORDINAL}
     * @return the source
     */
    public static InfisicalConfigSource of(LiveSecrets live, int ordinal) {
        return new InfisicalConfigSource(live, ordinal, projectLabel(live.query().project()), () -> {
        }, ConcurrentHashMap.newKeySet());
    }

    /**
     * A source whose {@link #close()} closes {@code owned} (its lease on a shared live view).
     *
     * @param project            the project as shown in the name (the token's project id when known)
     * @param reportedCollisions collision warnings already logged, shared by the sources of one view
     */
    static InfisicalConfigSource owning(LiveSecrets live, int ordinal, String project, AutoCloseable owned,
                                        Set<String> reportedCollisions) {
        return new InfisicalConfigSource(live, ordinal, project, owned, reportedCollisions);
    }

    /**
     * The value answering {@code propertyName} in the current snapshot; {@code null} when none. The
     * hot path: one snapshot read and at most three map lookups, nothing computed per change.
     */
    @Override
    public @Nullable String getValue(String propertyName) {
        return PropertyNameMapping.lookup(live.snapshot().secrets(), propertyName).map(Secret::value).orElse(null);
    }

    /**
     * The current keys and their dotted aliases ({@code DB_PASSWORD}, {@code db.password}), computed
     * on first call after a change (and collisions warned about then).
     */
    @Override
    public Set<String> getPropertyNames() {
        return currentNames().names();
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }

    /** {@code InfisicalConfigSource[<project>/<env>/<path>]}. */
    @Override
    public String getName() {
        return name;
    }

    /**
     * The live view behind this source (for {@link LiveSecrets#refreshNow()}, status and listeners).
     *
     * @return the live view, shared by sources of equal settings; the library closes it when no source
     *     uses it any more or the JVM stops
     */
    public LiveSecrets liveSecrets() {
        return live;
    }

    /**
     * Releases this source's hold on the live view the factory created: the view (shared by every
     * config built with equal settings) stops refreshing when its last source is closed or garbage
     * collected, or at JVM exit. Idempotent; a no-op for {@link #of} sources.
     */
    @Override
    public void close() {
        Cleaner.Cleanable registration = cleanable;
        try {
            if (registration != null) {
                registration.clean(); // releases the lease once and drops the Cleaner's registration
            } else {
                owned.close();
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing " + name + " failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return name + "{ordinal=" + ordinal + ", keys=" + live.snapshot().secrets().size() + "}";
    }

    private Names currentNames() {
        Names current = names;
        SecretSnapshot snapshot = live.snapshot();
        if (current.revision() == snapshot.revision()) {
            return current;
        }
        Map<String, Secret> secrets = snapshot.secrets();
        namesComputed.incrementAndGet();
        reportCollisions(name, secrets, reportedCollisions);
        Names fresh = new Names(snapshot.revision(), Set.copyOf(PropertyNameMapping.propertyNames(secrets)));
        names = fresh;
        return fresh;
    }

    /** Sets the Cleaner registration of this source's lease (called once, right after creation). */
    void cleanable(Cleaner.Cleanable registration) {
        this.cleanable = registration;
    }

    /** Runs the action the Cleaner runs once this source is unreachable (tests). */
    void runCleanerAction() {
        cleanable.clean();
    }

    /** How often names and collisions were computed (tests). */
    int namesComputed() {
        return namesComputed.get();
    }

    /**
     * Warns once per collision group (tracked in {@code reported}); a listener of the shared view
     * calls this after changes too, so new collisions are reported even if nobody enumerates names.
     */
    static void reportCollisions(String name, Map<String, Secret> secrets, Set<String> reportedCollisions) {
        for (List<Secret> group : PropertyNameMapping.collisions(secrets)) {
            String described = group.stream()
                    .map(s -> s.key() + " (" + s.source() + ")")
                    .collect(Collectors.joining(", "));
            if (reportedCollisions.add(described)) {
                LOG.log(Level.WARNING, name + ": Infisical keys " + described + " map to the same property name "
                        + PropertyNameMapping.sanitize(group.get(0).key()).toUpperCase(java.util.Locale.ROOT)
                        + "; a lookup takes the exact name first, then the name with non-alphanumerics as '_',"
                        + " then upper-cased. Rename one of them to make the choice explicit.");
            }
        }
    }

    /** The id or slug; a placeholder for "the service token's project" when it is not known yet. */
    static String projectLabel(ProjectRef ref) {
        if (ref instanceof ProjectRef.Id id) {
            return id.value();
        }
        if (ref instanceof ProjectRef.Slug slug) {
            return slug.value();
        }
        return "service-token-project";
    }

    /** {@code InfisicalConfigSource[<project>/<env>/<path>]}. */
    static String sourceName(String project, SecretQuery query) {
        String paths = query.paths().stream().map(Object::toString).collect(Collectors.joining(","));
        return "InfisicalConfigSource[" + project + "/" + query.environment() + paths + "]";
    }

    /** Names computed from one key map. */
    private record Names(long revision, Set<String> names) {
    }
}
