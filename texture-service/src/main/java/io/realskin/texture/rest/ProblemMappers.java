package io.realskin.texture.rest;

import io.realskin.imaging.ImageRejectedException;
import io.realskin.texture.service.PreviewService;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the REST API leaves as application/problem+json (RFC 9457) with a stable type. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response rejected(ImageRejectedException e) {
        return respond(ImageRejectedException.TOO_LARGE.equals(e.code())
                ? Problem.of("image-too-large", "Image too large", 413, e.getMessage())
                : Problem.of("unsupported-image", "Not a supported image", 415, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response busy(PreviewService.BusyException e) {
        return Response.fromResponse(respond(Problem.of("busy", "Every preview slot is busy", 503,
                "retry in a moment"))).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String slug = switch (status) {
            case 400 -> "invalid-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "image-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        return respond(Problem.of(slug, known == null ? "HTTP " + status : known.getReasonPhrase(), status, e.getMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return respond(Problem.of("internal", "Internal error", 500, "an unexpected error occurred"));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
