package io.realskin.gateway.rest;

import io.realskin.contracts.EventJson;
import io.realskin.support.problem.Problem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** A problem answered by a Vert.x route, before JAX-RS, on a request whose connection cannot be trusted on: closed after it. */
final class RouteProblems {
    private RouteProblems() {
    }

    static void answerAndClose(RoutingContext context, Problem problem) {
        HttpServerRequest request = context.request();
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                .end(EventJson.write(problem)).onComplete(ended -> {
                    if (request.version() != HttpVersion.HTTP_2) {
                        request.connection().close();
                    }
                });
    }
}
