package io.realskin.gateway.rest;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops RESTEasy's ERROR for a streamed answer ({@link PacedBody}) whose client went away before the end ("impossible to
 * send it to client: ... Connection reset by peer"): a browser leaving a page mid-download is no error of the
 * gateway's, and an ERROR for each would bury the real ones. Its bytes are given back by the pieces' cancellation.
 */
@LoggingFilter(name = "client-gone")
public final class ClientGoneLogFilter implements Filter {
    static final String STREAMING_HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!STREAMING_HANDLER.equals(record.getLoggerName())) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        return message == null || !message.contains("impossible to send it to client");
    }
}
