package io.realskin.gateway.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.EventJson;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A body held in the {@link BodyBudget} has to move: a request body must have arrived, and an answer's body that has
 * started must have been sent, within {@code realskin.bodies.transfer-grace} plus its size at
 * {@code realskin.bodies.min-kib-per-second}; else the exchange is cut (a request still arriving: 408 request-timeout
 * and the connection closed; an answer being sent: the connection or HTTP/2 stream reset), which gives its bytes back.
 * The server's idle timeout sees only silence, so without this a client sending or reading a byte now and then held
 * its announced bytes for as long as it liked, and a few tenants' trickling uploads held the replica's budget that
 * every tenant shares (docs/security.md).
 */
@ApplicationScoped
public class TransferDeadline {
    private static final String BODY_READ = TransferDeadline.class.getName() + ".bodyRead";

    private final long graceMillis;
    private final long minBytesPerSecond;
    private final Counter requestsCut;
    private final Counter answersCut;

    public TransferDeadline(GatewayConfig config, MeterRegistry registry) {
        this.graceMillis = config.bodies().transferGrace().toMillis();
        this.minBytesPerSecond = Math.max(1, config.bodies().minKibPerSecond()) * 1024L;
        this.requestsCut = cutCounter(registry, "request");
        this.answersCut = cutCounter(registry, "answer");
    }

    private static Counter cutCounter(MeterRegistry registry, String body) {
        return Counter.builder("realskin.gateway.bodies.timed.out").tag("body", body)
                .description("exchanges cut because their body moved slower than realskin.bodies.min-kib-per-second")
                .register(registry);
    }

    /**
     * Starts the clock on {@code exchange}'s transfer of {@code bytes}, the request's body or, with {@code answer}, the
     * answer's; run the returned action to stop it (once the exchange has ended). At the deadline an exchange found
     * closed, or cut, runs {@code giveBack}: a streamed answer's end is not reported once its connection is gone.
     */
    Runnable watch(RoutingContext exchange, long bytes, boolean answer, Runnable giveBack) {
        Vertx vertx = exchange.vertx();
        long allowedMillis = allowedMillis(bytes);
        long timer = vertx.setTimer(allowedMillis, id -> {
            HttpServerResponse response = exchange.response();
            if (response.closed()) {
                giveBack.run();
            } else if (!response.ended() && (answer ? cutAnswer(exchange, response) : cutRequest(exchange, response, bytes, allowedMillis))) {
                giveBack.run();
            }
        });
        return () -> vertx.cancelTimer(timer);
    }

    long allowedMillis(long bytes) {
        return graceMillis + bytes * 1000 / minBytesPerSecond;
    }

    /**
     * Tells the clock on {@code exchange}'s request that its body has been read whole. Vert.x's {@code isEnded()} alone
     * did not say so of a body RESTEasy had read whole: a POST /v1/jobs answered after a {@code Prefer: wait} past the
     * grace was cut as 408 "had not arrived", its job queued all the same (a client sending it again made two).
     */
    public static void bodyRead(RoutingContext exchange) {
        exchange.put(BODY_READ, Boolean.TRUE);
    }

    /** Whether it cut the exchange: a request whose body has not all arrived. */
    private boolean cutRequest(RoutingContext exchange, HttpServerResponse response, long bytes, long allowedMillis) {
        HttpServerRequest request = exchange.request();
        if (request.isEnded() || exchange.get(BODY_READ) != null) {
            return false;
        }
        requestsCut.increment();
        if (response.headWritten() || request.version() == HttpVersion.HTTP_2) {
            cut(request, response);
            return true;
        }
        Problem problem = Problems.requestTimeout(bytes, (allowedMillis + 999) / 1000).problem().at(request.path());
        response.setStatusCode(408).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                .end(EventJson.write(problem)).onComplete(sent -> request.connection().close());
        return true;
    }

    /**
     * Whether it cut the exchange: an answer still being sent, what is left of it waiting in this server's memory for a
     * client reading too slowly (one whose head is not written yet is still being made: not the client's doing).
     */
    private boolean cutAnswer(RoutingContext exchange, HttpServerResponse response) {
        if (!response.headWritten()) {
            return false;
        }
        answersCut.increment();
        cut(exchange.request(), response);
        return true;
    }

    /**
     * Ends an exchange that cannot be answered: an HTTP/2 stream is reset, an HTTP/1.x connection closed at once. Not
     * {@code reset()} there: Vert.x then closes the connection only once what is queued has been written (to a client
     * that does not read, never), and marks the answer closed first, so its close and end handlers never ran: the
     * request was left counted in flight, and Quarkus' graceful shutdown waited its whole timeout for it.
     */
    private static void cut(HttpServerRequest request, HttpServerResponse response) {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            request.connection().close();
        }
    }
}
