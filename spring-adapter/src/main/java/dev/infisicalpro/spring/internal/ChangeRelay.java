package dev.infisicalpro.spring.internal;

import dev.infisicalpro.SecretChange;
import dev.infisicalpro.SecretSnapshot;
import dev.infisicalpro.spring.InfisicalPropertySource;
import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import org.springframework.context.ApplicationContext;

import java.util.LinkedHashSet;
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
     * Subscribes to the source's live view. The live view only tells listeners that exist, so the first
     * subscription of a source starts from the snapshot the source was created from: a change in between
     * (an optional import that loaded in the background while the context started, whose beans were bound
     * empty) is delivered by core as one event, on the live view's listener executor like every other,
     * exactly once. The snapshot is handed over once; a later subscription of the same source starts now.
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
        SecretSnapshot since = StartupSnapshots.take(source);
        return since == null ? source.live().addListener(publish) : source.live().addListener(since, publish);
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
