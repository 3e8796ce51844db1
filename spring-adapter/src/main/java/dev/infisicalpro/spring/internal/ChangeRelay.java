package dev.infisicalpro.spring.internal;

import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretChange;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import org.springframework.context.ApplicationContext;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Turns a live view's change callbacks into Spring events: an optional hook first (Spring Cloud's
 * environment refresh), then {@link InfisicalSecretsChangedEvent}. Not API.
 */
public final class ChangeRelay {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.spring");

    private ChangeRelay() {
    }

    /**
     * Subscribes to the source's live view. The live view only tells listeners that exist, so a change
     * between the source's creation ({@link InfisicalPropertySource#initialSnapshot()}) and this call (an
     * optional import that loaded in the background while the context started, whose beans were bound
     * empty) is published at once, on the calling thread. A change racing with the subscription may be
     * published twice; listeners see the current values either way.
     *
     * @param beforeEvent called with the context and the changed property names (keys and aliases)
     *                    before the event is published; may be null
     * @return closes the subscription
     */
    public static AutoCloseable relay(InfisicalPropertySource source, ApplicationContext context,
                                      BiConsumer<ApplicationContext, Set<String>> beforeEvent) {
        String name = source.getName();
        Consumer<SecretChange> publish = change -> {
            if (change.isEmpty()) {
                return;
            }
            try {
                if (beforeEvent != null) {
                    beforeEvent.accept(context, propertyNames(change));
                }
                context.publishEvent(new InfisicalSecretsChangedEvent(context, name, change));
            } catch (RuntimeException e) {
                // a failing listener must not stop the refresh loop; its message may quote a value: type only
                LOG.log(System.Logger.Level.WARNING, "Publishing Infisical change of ''{0}'' failed: {1}", name,
                        e.getClass().getName());
            }
        };
        AutoCloseable subscription = source.live().addListener(publish::accept);
        publish.accept(diff(source.initialSnapshot(), source.live().snapshot()));
        return subscription;
    }

    /** What changed from {@code before} to {@code after}, by key and value. */
    public static SecretChange diff(SecretSnapshot before, SecretSnapshot after) {
        Map<String, Secret> a = before.secrets();
        Map<String, Secret> b = after.secrets();
        if (a == b) {
            return SecretChange.none();
        }
        Set<String> added = new HashSet<>();
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, Secret> e : b.entrySet()) {
            Secret old = a.get(e.getKey());
            if (old == null) {
                added.add(e.getKey());
            } else if (!Objects.equals(old.value(), e.getValue().value())) {
                changed.add(e.getKey());
            }
        }
        Set<String> removed = new HashSet<>(a.keySet());
        removed.removeAll(b.keySet());
        return new SecretChange(added, removed, changed);
    }

    /** The property names a change touches: each key and its dotted alias. */
    public static Set<String> propertyNames(SecretChange change) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : change.allKeys()) {
            names.add(key);
            names.add(PropertyNameIndex.alias(key));
        }
        return names;
    }
}
