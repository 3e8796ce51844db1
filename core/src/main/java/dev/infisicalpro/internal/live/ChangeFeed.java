package dev.infisicalpro.internal.live;

import dev.infisicalpro.SecretChange;
import dev.infisicalpro.SecretQuery;
import dev.infisicalpro.Subscription;
import dev.infisicalpro.internal.Warnings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The change feed of one live view: listener registrations, delivery in refresh order on the
 * listener executor (the application's, or a lease on the shared event threads), and isolation: a
 * listener that throws stops neither the other listeners nor the refresh loop. Not API.
 *
 * <p>{@link #publish} and {@link #add(Consumer, Supplier)} take one lock, so "swap in the new state
 * and queue its change for the listeners registered now" is one step against "register and catch up
 * from a baseline": a listener hears each change exactly once.
 */
final class ChangeFeed {

    private static final System.Logger LOG = System.getLogger("dev.infisicalpro.live");

    private final SecretQuery query; // for messages only
    private final Warnings warnings;
    private final SerialExecutor events;
    private final boolean sharedEvents;
    private final CopyOnWriteArrayList<Registration> listeners = new CopyOnWriteArrayList<>();
    private final Object publishLock = new Object();
    private volatile boolean closed;

    ChangeFeed(SecretQuery query, LiveSettings settings, Warnings warnings) {
        this.query = query;
        this.warnings = warnings;
        Executor listenerExecutor;
        if (settings.listenerExecutor() != null) {
            listenerExecutor = settings.listenerExecutor();
            this.sharedEvents = false;
        } else {
            listenerExecutor = SharedDaemonExecutor.EVENTS.acquire();
            this.sharedEvents = true;
        }
        this.events = new SerialExecutor(listenerExecutor);
    }

    /**
     * One registration of a listener. Removal is by this object's identity, once: closing it twice, or
     * closing it when the same listener instance is registered again elsewhere, touches no other
     * registration.
     */
    private static final class Registration implements Subscription {
        private final Consumer<SecretChange> listener;
        private final CopyOnWriteArrayList<Registration> owner;
        private final AtomicBoolean active = new AtomicBoolean(true);

        Registration(Consumer<SecretChange> listener, CopyOnWriteArrayList<Registration> owner) {
            this.listener = listener;
            this.owner = owner;
        }

        @Override
        public void close() {
            if (active.compareAndSet(true, false)) {
                owner.remove(this); // Registration keeps Object.equals: removes exactly this one
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + listener.getClass().getName() + (active.get() ? "" : ", closed") + "]";
        }
    }

    /** Adds a listener; closing the handle removes it. */
    Subscription add(Consumer<SecretChange> listener) {
        Registration registration = new Registration(listener, listeners);
        listeners.add(registration);
        return registration;
    }

    /**
     * Adds a listener and, in the same step (no {@link #publish} in between), queues for it alone the
     * change {@code missed} computes (from the listener's baseline to the state published now).
     */
    Subscription add(Consumer<SecretChange> listener, Supplier<SecretChange> missed) {
        Registration registration = new Registration(listener, listeners);
        boolean queued = false;
        synchronized (publishLock) {
            listeners.add(registration);
            SecretChange change = missed.get();
            if (!change.isEmpty() && !closed) {
                List<Registration> only = List.of(registration);
                events.enqueue(() -> deliver(change, only));
                queued = true;
            }
        }
        if (queued) {
            deliverQueued();
        }
        return registration;
    }

    /**
     * Runs {@code swap} (which publishes the new state) and queues the change for the listeners
     * registered now, as one step. The change is worked out only when someone listens. Called while the
     * refresh holds the single-flight slot (keeps refresh order); {@link #deliverQueued()} starts
     * delivery once the slot is free.
     */
    void publish(Runnable swap, Supplier<SecretChange> change) {
        synchronized (publishLock) {
            swap.run();
            if (listeners.isEmpty()) {
                return;
            }
            SecretChange c = change.get();
            if (c.isEmpty() || closed) {
                return;
            }
            List<Registration> targets = List.copyOf(listeners);
            events.enqueue(() -> deliver(c, targets));
        }
    }

    /** Starts delivery of queued changes; called after the single-flight slot is released. */
    void deliverQueued() {
        try {
            events.kick();
        } catch (RejectedExecutionException e) {
            warnings.warn(LOG, "The listener executor of the live secrets for " + query
                    + " rejected a change event; listeners missed it");
        } catch (RuntimeException e) {
            warnings.warn(LOG, "The listener executor of the live secrets for " + query + " threw "
                    + e.getClass().getName() + " when handed a change event; listeners missed it");
        }
    }

    private void deliver(SecretChange change, List<Registration> targets) {
        for (Registration registration : targets) {
            if (closed) {
                return;
            }
            if (!registration.active.get()) {
                continue; // closed after the change was queued
            }
            Consumer<SecretChange> listener = registration.listener;
            try {
                listener.accept(change);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                // The listener's own message is not logged: it may quote the secret it was handling.
                warnings.warn(LOG, "A change listener (" + listener.getClass().getName() + ") of the live"
                        + " secrets for " + query + " threw " + t.getClass().getName() + " for keys "
                        + change.allKeys() + "; the other listeners and the refresh loop go on");
            }
        }
    }

    /** Number of registered listeners. */
    int size() {
        return listeners.size();
    }

    /** Stops delivery (a queued change reaches nobody), drops the listeners, releases the event threads. */
    void close() {
        closed = true;
        listeners.clear();
        if (sharedEvents) {
            SharedDaemonExecutor.EVENTS.release();
        }
    }
}
