package io.realskin.gateway.rest;

import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * A request line over {@link #MAX_REQUEST_LINE} bytes is {@code 414}, request headers over {@link #MAX_HEADERS} bytes
 * together {@code 431}, as problems, and the connection closed. Vert.x's codec answers a head over its own limits with
 * a bare status that no hook of Quarkus reaches, so those limits are set above these
 * ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}) and this route, the first of the
 * gateway's, answers; a head over even the codec's is still its bare answer (docs/api.md).
 */
@ApplicationScoped
public class RequestHeadLimits {
    static final int MAX_REQUEST_LINE = 4096;
    static final int MAX_HEADERS = 20 * 1024;
    /** The request line's " HTTP/1.1" and the space after the method. */
    private static final int LINE_FRAMING = " HTTP/1.1".length() + 1;

    void install(@Observes Router router) {
        router.route().order(-5).handler(RequestHeadLimits::check);
    }

    private static void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        int line = request.method().name().length() + request.uri().length() + LINE_FRAMING;
        int headers = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headers += header.getKey().length() + ": ".length() + header.getValue().length();
        }
        Problem problem;
        if (line > MAX_REQUEST_LINE) {
            problem = Problem.of(ProblemMappers.forStatus(414), "the request line is " + line + " bytes; at most " + MAX_REQUEST_LINE
                    + " are read: send long lists in a body, not in the path or query");
        } else if (headers > MAX_HEADERS) {
            problem = Problem.of(ProblemMappers.forStatus(431), "the request headers are " + headers + " bytes together; at most "
                    + MAX_HEADERS + " are read");
        } else {
            context.next();
            return;
        }
        String path = request.path();
        RouteProblems.answerAndClose(context, path != null && path.length() <= MAX_REQUEST_LINE ? problem.at(path) : problem);
    }
}
