package dev.infisicalpro.spring.boot;

import org.apache.commons.logging.Log;
import org.springframework.boot.logging.DeferredLogFactory;

/**
 * Logging while config data loads. At that point Boot has not initialised its logging system yet and
 * Logback drops everything (also what our {@code System.Logger} sends through the JUL bridge), so
 * messages go to Boot's deferred log, replayed once logging is set up (or the start failed). Without a
 * {@link DeferredLogFactory} (direct use, tests) they go to {@code System.Logger}. Never give it values.
 */
final class StartupLog {

    private static final System.Logger FALLBACK = System.getLogger("dev.infisicalpro.spring");

    private final Log deferred;

    private StartupLog(Log deferred) {
        this.deferred = deferred;
    }

    static StartupLog of(DeferredLogFactory factory, Class<?> type) {
        return new StartupLog(factory == null ? null : factory.getLog(type));
    }

    /** True when messages go to Boot's deferred log (else straight to {@code System.Logger}). */
    boolean deferred() {
        return deferred != null;
    }

    void warn(String message) {
        if (deferred != null) {
            deferred.warn(message);
        } else {
            FALLBACK.log(System.Logger.Level.WARNING, message);
        }
    }

    void info(String message) {
        if (deferred != null) {
            deferred.info(message);
        } else {
            FALLBACK.log(System.Logger.Level.INFO, message);
        }
    }
}
