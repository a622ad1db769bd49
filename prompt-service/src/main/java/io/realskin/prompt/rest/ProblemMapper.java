package io.realskin.prompt.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.realskin.prompt.domain.ProblemException;
import io.realskin.prompt.domain.ProblemType;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** Turns every error into RFC 9457 {@code application/problem+json} with a stable {@code type} URI. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(Problem.of(e.type(), e.getMessage(), path(uri), e.extensions()));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        String detail = e.getOriginalMessage() == null ? "The body is not valid JSON" : e.getOriginalMessage();
        return respond(Problem.of(ProblemType.MALFORMED_BODY, detail, path(uri), Map.of()));
    }

    /** Wins over Quarkus' built-in mapper for this exception, which answers plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
        String detail = field == null ? "The body does not have the expected shape"
                : "'" + field + "' has the wrong JSON type";
        return respond(Problem.of(ProblemType.MALFORMED_BODY, detail, path(uri), field == null ? Map.of() : Map.of("field", field)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.BAD_REQUEST, e.getMessage(), path(uri), Map.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.MALFORMED_BODY;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST;
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Problem problem = Problem.of(type, e.getMessage(), path(uri), Map.of());
        return respond(new Problem(problem.type(), problem.title(), status, problem.detail(), problem.instance(), Map.of()));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("Unexpected error", e);
        return respond(Problem.of(ProblemType.INTERNAL, "Unexpected error; it has been logged", path(uri), Map.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
