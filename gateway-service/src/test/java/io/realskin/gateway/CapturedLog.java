package io.realskin.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** The records one logger writes while this is open (with their MDC), at the level given or the logger's own. */
final class CapturedLog implements AutoCloseable {
    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level before;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord r = (ExtLogRecord) record;
            r.copyMdc(); // read later on another thread, whose MDC is not the writer's
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog(Class<?> source, Level level) {
        logger = Logger.getLogger(source.getName());
        before = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        logger.addHandler(handler);
    }

    List<ExtLogRecord> records() {
        return records;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(before);
    }
}
