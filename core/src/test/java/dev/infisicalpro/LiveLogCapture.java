package dev.infisicalpro;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the library logs through {@link System.Logger} (which, with no logging backend on
 * the class path, lands in java.util.logging under the {@code dev.infisicalpro} hierarchy).
 */
final class LiveLogCapture extends Handler implements AutoCloseable {

    private final Logger root = Logger.getLogger("dev.infisicalpro"); // strong ref keeps the level
    private final Level previous = root.getLevel();
    private final List<LogRecord> records = new ArrayList<>();

    LiveLogCapture() {
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Formatted messages (with the text of any attached throwable), oldest first. */
    synchronized List<String> messages() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            String msg = r.getMessage();
            if (r.getParameters() != null && r.getParameters().length > 0) {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            }
            if (r.getThrown() != null) {
                java.io.StringWriter sw = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                msg = msg + "\n" + sw;
            }
            out.add(r.getLevel() + " " + msg);
        }
        return out;
    }

    /** Messages at WARNING or above. */
    synchronized List<String> warnings() {
        return messages().stream().filter(m -> m.startsWith("WARNING") || m.startsWith("SEVERE")).toList();
    }

    /** Everything logged, as one string. */
    String all() {
        return String.join("\n", messages());
    }

    synchronized void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(previous);
    }
}
