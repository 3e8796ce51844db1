package dev.infisicalpro.spring.boot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Takes over the warnings the core live view logs on this thread during its first load (the multi-path
 * collision warning, "could not be loaded at startup, fail-fast off"), so the loader can report them
 * through Boot's deferred log: logged directly they are lost, since Logback drops everything until Boot
 * initialises logging. They are not also passed on, so each appears once. Everything else (other
 * threads, lower levels) goes to the parent handlers as usual. Works when {@code System.Logger} is backed
 * by JUL (the JDK default, also with jul-to-slf4j); with another {@code System.LoggerFinder} it collects
 * nothing and the core's own output goes to that backend. Core's messages name keys, paths and error
 * types, never values.
 */
final class CoreWarnings implements AutoCloseable {

    private static final String CORE_LIVE_LOGGER = "dev.infisicalpro.live";
    // held strongly while a capture runs (JUL keeps loggers weakly, and would forget the settings)
    private static final Logger LOGGER = Logger.getLogger(CORE_LIVE_LOGGER);
    private static final Map<Long, CoreWarnings> ACTIVE = new ConcurrentHashMap<>();
    private static final Handler HANDLER = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            CoreWarnings owner = record.getLevel().intValue() >= Level.WARNING.intValue()
                    ? ACTIVE.get(record.getLongThreadID()) : null;
            if (owner != null) {
                owner.messages.add(formatter.formatMessage(record));
            } else {
                passOn(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static boolean savedUseParent;     // guarded by CoreWarnings.class

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final long thread = Thread.currentThread().getId();

    private CoreWarnings() {
        synchronized (CoreWarnings.class) {
            if (ACTIVE.isEmpty()) {
                savedUseParent = LOGGER.getUseParentHandlers();
                LOGGER.setUseParentHandlers(false);
                LOGGER.addHandler(HANDLER);
            }
            ACTIVE.put(thread, this);
        }
    }

    /** Starts capturing this thread's warnings. */
    static CoreWarnings capture() {
        return new CoreWarnings();
    }

    /** The captured warnings, formatted. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    private static void passOn(LogRecord record) {
        boolean useParent;
        synchronized (CoreWarnings.class) {
            useParent = savedUseParent;
        }
        if (!useParent) {
            return;
        }
        for (Logger l = LOGGER.getParent(); l != null; l = l.getParent()) {
            for (Handler h : l.getHandlers()) {
                h.publish(record);
            }
            if (!l.getUseParentHandlers()) {
                return;
            }
        }
    }

    @Override
    public void close() {
        synchronized (CoreWarnings.class) {
            ACTIVE.remove(thread, this);
            if (ACTIVE.isEmpty()) {
                LOGGER.removeHandler(HANDLER);
                LOGGER.setUseParentHandlers(savedUseParent);
            }
        }
    }
}
