package io.realskin.gateway.rest;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops two ERRORs that are no error of the gateway's, so that they do not bury the real ones: RESTEasy's for a streamed
 * answer ({@link PacedBody}) whose client went away before the end ("impossible to send it to client: ... Connection
 * reset by peer", a browser leaving a page mid-download; its bytes are given back by the pieces' cancellation), and
 * Quarkus' "Response has already been written" when RESTEasy, whose body read failed because {@link TransferDeadline}
 * answered a too-slow upload 408 and closed its connection, tries to answer too.
 */
@LoggingFilter(name = "client-gone")
public final class ClientGoneLogFilter implements Filter {
    static final String STREAMING_HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";
    static final String ERROR_HANDLER = "io.quarkus.vertx.http.runtime.QuarkusErrorHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName();
        if (ERROR_HANDLER.equals(logger)) {
            return !(record.getThrown() instanceof IllegalStateException written && "Response has already been written".equals(written.getMessage()));
        }
        if (!STREAMING_HANDLER.equals(logger)) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        return message == null || !message.contains("impossible to send it to client");
    }
}
