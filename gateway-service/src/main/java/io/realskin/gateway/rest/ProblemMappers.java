package io.realskin.gateway.rest;

import io.realskin.support.messaging.Outages;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the gateway as application/problem+json. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return problem(Problems.invalid(detail));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse(); // not an error: an answer with no body (204 to an event stream that has ended)
        }
        String slug = switch (status) {
            case 400 -> "invalid-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "image-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = status == 400 ? "the body could not be read: " + rootMessage(e) : e.getMessage();
        return problem(new ProblemException(Problem.of(slug, Response.Status.fromStatusCode(status) == null
                ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase(), status, detail)));
    }

    /**
     * Whatever no other mapper took. A database outage (connection refused or lost, pool or statement timeout,
     * shutdown, read-only after a failover) is a 503 the client may retry; the other backends map their own failures.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(Throwable e) {
        if (Outages.isOutage(e)) {
            LOG.warnf("database unavailable: %s", e.toString());
            return problem(Problems.unavailable("database"));
        }
        LOG.error("unexpected error", e);
        return problem(new ProblemException(Problem.of("internal", "Internal error", 500, "an unexpected error occurred")));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
