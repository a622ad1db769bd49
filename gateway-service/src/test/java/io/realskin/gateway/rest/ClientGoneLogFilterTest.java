package io.realskin.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class ClientGoneLogFilterTest {
    private final ClientGoneLogFilter filter = new ClientGoneLogFilter();

    @Test
    void aStreamedAnswersClientGoingAwayIsNotLogged() {
        assertFalse(filter.isLoggable(record(ClientGoneLogFilter.STREAMING_HANDLER,
                "Exception in SSE server handling, impossible to send it to client: java.io.IOException: Connection reset by peer")));
    }

    @Test
    void everythingElseIs() {
        assertTrue(filter.isLoggable(record(ClientGoneLogFilter.STREAMING_HANDLER, "some other failure of a stream")));
        assertTrue(filter.isLoggable(record("io.realskin.gateway.images.ImageResource", "impossible to send it to client")));
        assertTrue(filter.isLoggable(record(ClientGoneLogFilter.STREAMING_HANDLER, null)));
    }

    private static LogRecord record(String logger, String message) {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, message, ExtLogRecord.FormatStyle.NO_FORMAT, ClientGoneLogFilter.class.getName());
        record.setLoggerName(logger);
        return record;
    }
}
