package dev.infisicalpro;

/**
 * The handle of a listener registered with {@link LiveSecrets#addListener}: {@link #close()}
 * removes the listener. Unlike a plain {@link AutoCloseable} its {@code close()} throws nothing,
 * so it fits try-with-resources and shutdown code without a {@code catch (Exception e)}.
 *
 * <pre>{@code
 * Subscription rotation = live.addListener(change -> pool.rotate(change.changed()));
 * ...
 * rotation.close();   // no more events for this listener; idempotent
 *
 * try (Subscription s = live.addListener(change -> log.info("changed: " + change.changed()))) {
 *     live.refreshNow();
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Removes the listener; a listener already running finishes its current event. Idempotent. */
    @Override
    void close();
}
