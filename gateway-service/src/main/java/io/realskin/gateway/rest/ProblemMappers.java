package io.realskin.gateway.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.realskin.contracts.StrictJson;
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

    /** A body that is no JSON, or JSON of the wrong shape: the field and what was expected, without Java type names. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return problem(Problems.invalid(unreadableDetail(e)));
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return problem(Problems.invalid(unreadableDetail(e)));
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e) {
        return problem(Problems.invalid(unreadableDetail(e)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
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

    static String unreadableDetail(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return "the body nests deeper than " + StrictJson.MAX_DEPTH + " levels";
        }
        if (e instanceof JsonParseException) {
            return "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        String expected = e instanceof MismatchedInputException m && m.getTargetType() != null ? expected(m.getTargetType()) : null;
        if ("must not contain control characters".equals(e.getOriginalMessage())) {
            return (field.isEmpty() ? "a text" : field) + ": must not contain control characters";
        }
        if (field.isEmpty()) {
            return expected == null ? "the body is not what this endpoint reads" : "the body must be " + expected;
        }
        return field + ": " + (expected == null ? "not a valid value" : "must be " + expected);
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Double.class
                || type == double.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
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
