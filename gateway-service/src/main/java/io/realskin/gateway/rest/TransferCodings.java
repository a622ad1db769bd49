package io.realskin.gateway.rest;

import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemMappers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A request whose {@code Transfer-Encoding} is anything but {@code chunked} alone is answered {@code 501} (RFC 9112 6.1:
 * a transfer coding the server does not understand) and its connection closed. The HTTP codec frames a body only
 * when the last coding is chunked and otherwise reads no body at all: {@code xchunked} or {@code gzip} was a request
 * without a body, and the body's bytes were read as the next request on the connection (what a proxy in front that
 * framed it otherwise would take for a smuggled request). Runs for every path, first of the gateway's routes after
 * {@link RequestHeadLimits}.
 */
@ApplicationScoped
public class TransferCodings {
    void install(@Observes Router router) {
        router.route().order(-4).handler(this::check);
    }

    private void check(RoutingContext context) {
        List<String> codings = context.request().headers().getAll("Transfer-Encoding");
        if (codings.isEmpty() || codings.size() == 1 && codings.get(0).trim().equalsIgnoreCase("chunked")) {
            context.next();
            return;
        }
        String sent = String.join(", ", codings);
        boolean unknown = Arrays.stream(sent.split(",")).map(c -> c.trim().toLowerCase(Locale.ROOT)).anyMatch(c -> !c.equals("chunked"));
        Problem problem = Problem.of(ProblemMappers.forStatus(501), (unknown
                ? "the Transfer-Encoding names a transfer coding this server does not implement" : "the Transfer-Encoding applies chunked more than once")
                + "; send the body with Content-Length, or with Transfer-Encoding: chunked alone").at(context.request().path());
        RouteProblems.answerAndClose(context, problem); // the rest of the connection cannot be framed
    }
}
