package dev.infisicalpro.spring;

import dev.infisicalpro.LiveSecrets;
import org.jspecify.annotations.Nullable;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.spring.internal.CollisionReports;
import dev.infisicalpro.spring.internal.PropertyNameIndex;
import dev.infisicalpro.spring.internal.StartupSnapshots;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Infisical secrets as a Spring {@link PropertySource}, always showing the current snapshot of a
 * {@link LiveSecrets}: a background refresh becomes visible at once, without re-registering the source.
 *
 * <p>Names: a secret {@code DB_PASSWORD} is visible as {@code DB_PASSWORD} and as
 * {@code db.password}; lookups follow Spring's environment-variable rules, so
 * {@code spring.datasource.password} finds {@code SPRING_DATASOURCE_PASSWORD} and
 * {@code my-app.api-key} finds {@code MY_APP_API_KEY}. When two secrets claim one name, the key's own
 * name wins over a derived alias, and among aliases the upper-case environment spelling wins; one
 * warning names the keys and their folders (never values).
 *
 * <pre>{@code
 * LiveSecrets live = settings.startLive(client);
 * environment.getPropertySources().addFirst(new InfisicalPropertySource("infisical", live));
 * environment.getProperty("db.password");
 * }</pre>
 *
 * <p>With Spring Boot use {@code spring.config.import=infisical:} instead; without Boot,
 * {@link InfisicalPropertySources#addFirst} builds client, live view and source in one call.
 */
public class InfisicalPropertySource extends EnumerablePropertySource<LiveSecrets> {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.spring");

    static {
        StartupSnapshots.install(InfisicalPropertySource::takeStartupSnapshot);
    }

    // what the source was created from, until the change relay subscribes from it (then dropped: no copy
    // of the first load's values stays in the heap for the application's lifetime)
    private final AtomicReference<SecretSnapshot> startupSnapshot;
    private volatile PropertyNameIndex index;

    /**
     * A property source over the live view of one import.
     *
     * @param name name of the source as shown in {@code /actuator/env}, e.g. {@code infisical:/app}
     * @param live the live view to read from (not closed by this source)
     */
    public InfisicalPropertySource(String name, LiveSecrets live) {
        super(Objects.requireNonNull(name, "name"), Objects.requireNonNull(live, "live"));
        SecretSnapshot now = live.snapshot();
        this.startupSnapshot = new AtomicReference<>(now);
        indexFor(now);
    }

    // one-shot, for the change relay (through StartupSnapshots): changes after it that happened before anyone
    // listened (an optional import loading in the background while the context starts) become one event
    private SecretSnapshot takeStartupSnapshot() {
        return startupSnapshot.getAndSet(null);
    }

    /**
     * The live view this source reads.
     *
     * @return the live view; it belongs to whoever created this source
     */
    public LiveSecrets live() {
        return getSource();
    }

    @Override
    public @Nullable Object getProperty(String name) {
        return currentIndex().valueOf(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return currentIndex().keyFor(name) != null;
    }

    @Override
    public String[] getPropertyNames() {
        return currentIndex().names().clone();
    }

    /**
     * Name collisions in the current snapshot, with key names and folders (never values).
     *
     * @return one line per property name that several keys answer to (say {@code DB_PASSWORD} and
     *     {@code db_password}, both {@code db.password}), naming the keys, their folders and the one used;
     *     empty when there are none
     */
    public List<String> collisions() {
        return currentIndex().collisions();
    }

    private PropertyNameIndex currentIndex() {
        return indexFor(getSource().snapshot());
    }

    // one index per secrets revision: a 304 re-confirms data with a new snapshot but the same revision,
    // so the names are recomputed only when the data changed
    private PropertyNameIndex indexFor(SecretSnapshot snapshot) {
        PropertyNameIndex current = index;
        if (current != null && current.snapshot().revision() == snapshot.revision()) {
            return current;
        }
        PropertyNameIndex fresh = PropertyNameIndex.of(snapshot);
        index = fresh;
        reportCollisions(fresh);
        return fresh;
    }

    private void reportCollisions(PropertyNameIndex fresh) {
        if (fresh.collisions().isEmpty()) {
            return;
        }
        List<String> fresher = new ArrayList<>();
        for (String c : fresh.collisions()) {
            if (CollisionReports.firstTime(getSource(), c)) {
                fresher.add(c);
            }
        }
        if (!fresher.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Infisical property source ''{0}'': {1} secret name collision(s): {2}",
                    getName(), fresher.size(), String.join(" | ", fresher));
        }
    }

    /**
     * The Infisical sources of an environment, in precedence order.
     *
     * @param environment the environment to search
     * @return its Infisical property sources, highest precedence first; empty when there are none
     */
    public static List<InfisicalPropertySource> in(ConfigurableEnvironment environment) {
        List<InfisicalPropertySource> out = new ArrayList<>();
        for (PropertySource<?> ps : environment.getPropertySources()) {
            if (ps instanceof InfisicalPropertySource ips) {
                out.add(ips);
            }
        }
        return out;
    }
}
