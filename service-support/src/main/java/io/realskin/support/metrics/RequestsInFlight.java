package io.realskin.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code realskin_http_server_requests_in_flight}: the requests of the service's API port under way now, from their
 * headers until the answer is sent or the connection is gone (an event stream, a {@code Prefer: wait} submission and a
 * slow upload count all their time). The management port (probes, scrapes) is left out. It replaces Quarkus'
 * {@code http_server_active_requests}, which {@link PerInstanceGauges} drops because its value followed one of several
 * server instances.
 */
@Singleton
public class RequestsInFlight {
    static final String NAME = "realskin.http.server.requests.in.flight";
    /** Ahead of every other filter, so a request a filter answers (a 401, a 503 while shutting down) counts too. */
    private static final int FIRST = Integer.MAX_VALUE;

    private final AtomicInteger inFlight = new AtomicInteger();

    public RequestsInFlight(MeterRegistry registry) {
        Gauge.builder(NAME, inFlight, AtomicInteger::get)
                .description("requests of the API port under way: from their headers until the answer is sent or the connection is gone")
                .register(registry);
    }

    /**
     * Counted down by Quarkus' own "request done" (once: the answer ended, the connection closed, or an error), the
     * signal its graceful shutdown waits for, not by the routing context's end handlers: those share the answer's
     * single end, close and exception handlers with RESTEasy's streaming, and did not run for a streamed download the
     * gateway cut (SlowTransferTest), which stayed counted for good.
     */
    void countRequests(@Observes Filters filters) {
        filters.register(exchange -> {
            inFlight.incrementAndGet();
            HttpServerRequest request = exchange.request();
            if (request.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME) != null) {
                QuarkusRequestWrapper.get(request).addRequestDoneHandler(done -> inFlight.decrementAndGet());
            } else {
                // HTTP/2 (h2c): Quarkus does not wrap the request, and a cut stream is reset, which its handlers see
                exchange.addEndHandler(done -> inFlight.decrementAndGet());
            }
            exchange.next();
        }, FIRST);
    }
}
