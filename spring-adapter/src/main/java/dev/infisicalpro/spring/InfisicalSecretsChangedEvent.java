package dev.infisicalpro.spring;

import dev.infisicalpro.SecretChange;
import org.springframework.context.ApplicationEvent;

import java.util.Objects;
import java.util.Set;

/**
 * Published when a background refresh changed the secrets behind an Infisical property source. Carries
 * key names only, never values; by the time listeners run, the {@code Environment} already shows the
 * new values (and, with spring-cloud-context, {@code @RefreshScope} and {@code @ConfigurationProperties}
 * beans were refreshed).
 *
 * <pre>{@code
 * @EventListener
 * void onSecrets(InfisicalSecretsChangedEvent e) {
 *     if (e.keys().contains("DB_PASSWORD")) pool.softEvictConnections();
 * }
 * }</pre>
 */
public class InfisicalSecretsChangedEvent extends ApplicationEvent {
    private static final long serialVersionUID = 1L;

    /** Name of the Infisical property source that changed. */
    private final String propertySourceName;
    private final transient SecretChange change;

    /**
     * An event for one refresh that changed these keys.
     *
     * @param source             event source (the application context, or the property source name)
     * @param propertySourceName name of the Infisical property source that changed
     * @param change             the keys added, removed and changed
     */
    public InfisicalSecretsChangedEvent(Object source, String propertySourceName, SecretChange change) {
        super(source);
        this.propertySourceName = Objects.requireNonNull(propertySourceName, "propertySourceName");
        this.change = Objects.requireNonNull(change, "change");
    }

    /**
     * Name of the Infisical property source that changed, e.g. {@code infisical:/app}.
     *
     * @return the property source name
     */
    public String propertySourceName() {
        return propertySourceName;
    }

    /**
     * What changed, by key name.
     *
     * @return the added, removed and changed key names
     */
    public SecretChange change() {
        return change;
    }

    /**
     * Every key that was added, removed or changed.
     *
     * @return the key names, sorted
     */
    public Set<String> keys() {
        return change.allKeys();
    }

    @Override
    public String toString() {
        return "InfisicalSecretsChangedEvent[source=" + propertySourceName + ", added=" + change.added()
                + ", removed=" + change.removed() + ", changed=" + change.changed() + "]";
    }
}
