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
    void quarkusAnsweringACutUploadAgainIsNotLogged() {
        LogRecord again = record(ClientGoneLogFilter.ERROR_HANDLER, "HTTP Request to /v1/images failed, error id: e74d67b1-1");
        again.setThrown(new IllegalStateException("Response has already been written"));
        assertFalse(filter.isLoggable(again));
        LogRecord bug = record(ClientGoneLogFilter.ERROR_HANDLER, "HTTP Request to /v1/jobs failed, error id: e74d67b1-2");
        bug.setThrown(new IllegalStateException("pool exhausted"));
        assertTrue(filter.isLoggable(bug));
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
