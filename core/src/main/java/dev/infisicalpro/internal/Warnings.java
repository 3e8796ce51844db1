package dev.infisicalpro.internal;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a client's warnings go: always to {@link System.Logger}, and also to the application's
 * sink when one was given ({@code InfisicalClient.Builder#warnings}). Callers pass text that already
 * carries no secret material; the sink gets exactly what the logger gets. Not API.
 */
public final class Warnings {

    /** No sink: warnings go to the logger only. */
    public static final Warnings LOG_ONLY = new Warnings(null);

    private final Consumer<String> sink;

    private Warnings(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Logger plus {@code sink}; {@code null} means no sink. */
    public static Warnings to(Consumer<String> sink) {
        return sink == null ? LOG_ONLY : new Warnings(sink);
    }

    /** Logs at WARNING and hands the same text to the sink. */
    public void warn(System.Logger log, String message) {
        log.log(Level.WARNING, message);
        toSink(message);
    }

    /** Like {@link #warn(System.Logger, String)}, building the text only when someone will read it. */
    public void warn(System.Logger log, Supplier<String> message) {
        if (sink == null) {
            log.log(Level.WARNING, message);
            return;
        }
        String text = message.get();
        log.log(Level.WARNING, text);
        toSink(text);
    }

    private void toSink(String message) {
        if (sink == null) {
            return;
        }
        try {
            sink.accept(message);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable ignored) {
            // A sink that throws must not turn a warning into a failure (of a refresh, of a request).
        }
    }

    @Override
    public String toString() {
        return sink == null ? "Warnings[log]" : "Warnings[log + sink]";
    }
}
