package dev.infisicalpro;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures everything the library logs through System.Logger (which defaults to JUL). */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private final Logger logger = Logger.getLogger("dev.infisicalpro");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private Level previous;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void beforeEach(ExtensionContext context) {
        records.clear();
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }

    List<LogRecord> records() {
        return records;
    }

    /** Every record's message with its parameters and thrown exception, formatted. */
    String all() {
        StringBuilder sb = new StringBuilder();
        java.util.logging.SimpleFormatter f = new java.util.logging.SimpleFormatter();
        for (LogRecord r : records) {
            sb.append(f.format(r)).append('\n');
        }
        return sb.toString();
    }

    long warnings() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).count();
    }
}
