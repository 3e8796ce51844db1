package dev.infisicalpro.spring.boot;

import java.util.function.Consumer;

/**
 * The warning sink ({@code InfisicalClient.Builder#warnings}) of one import's client: while the application
 * starts, every core warning (plain-http host, missing service-token route, "could not be loaded at startup",
 * keys in more than one path, ...) goes to Boot's deferred log with the import's name, because Logback drops
 * what is logged directly (core's own {@code System.Logger} output) until Boot initialises logging. Once the
 * context that uses the import is prepared (or the start failed) logging is up and core's own output gets
 * through, so the sink becomes a no-op instead of printing every later warning twice. Core's warnings carry
 * no secret material; the import name is shown redacted.
 *
 * <p>Not used at all when both core ({@code System.Logger}) and Boot's deferred log end up in
 * {@code java.util.logging} (no SLF4J/Log4j on the class path): JUL works before Boot initialises
 * logging, so core's own output is already visible and the sink would only repeat it.
 */
final class ImportWarnings implements Consumer<String> {

    private final StartupLog log;
    private final String prefix;
    private volatile boolean open = true;

    ImportWarnings(StartupLog log, String importName) {
        this.log = log;
        this.prefix = "Infisical import " + importName + ": ";
    }

    @Override
    public void accept(String warning) {
        if (open) {
            log.warn(prefix + warning);
        }
    }

    /** False when core's own startup warnings are visible anyway (see the class comment). */
    static boolean needed() {
        return !(JUL_FINDER && JCL_ON_JUL);
    }

    private static final boolean JUL_FINDER = System.LoggerFinder.getLoggerFinder().getClass().getName()
            .startsWith("sun.util.logging.") || System.LoggerFinder.getLoggerFinder().getClass().getName()
            .startsWith("jdk.internal.logger.");
    private static final boolean JCL_ON_JUL = org.apache.commons.logging.LogFactory.getLog(ImportWarnings.class)
            .getClass().getName().contains("JavaUtil");

    /** Startup is over: core's own logging reaches the application's log from now on. */
    void end() {
        open = false;
    }
}
