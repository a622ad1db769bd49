package io.realskin.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.realskin.support.messaging.Outages;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service's REST API leaves as {@code application/problem+json} with a stable type: a
 * {@link ProblemException} as it is, the input errors JAX-RS, Jackson and Bean Validation raise as
 * {@code invalid-request}, the HTTP-level errors by status, and whatever else by whose failure it is
 * ({@link FailureSource}): a body the framework could not read as {@code invalid-request}, a blob store outage and, in
 * a service with PostgreSQL, a database outage as {@code 503 backend-unavailable} naming it, anything else as
 * {@code internal} (logged with its stack trace; the answer never holds it). Found by every service that depends on
 * service-support; a service adds mappers only for its own exceptions. {@code instance} is the request's path.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Outages reads the PostgreSQL client's errors; a service without that client has no database to be out. */
    private static final boolean HAS_DATABASE = onClassPath("io.vertx.pgclient.PgException");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        return respond(InvalidValues.problem(e.getConstraintViolations()), Map.of(), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(UnreadableJson.problem(e), Map.of(), uri);
    }

    /** Quarkus maps this subtype itself with a plain-JSON 400: this wins. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unparsableJson(JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse(); // not an error: an answer with no body (204 to an event stream that has ended)
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            Problem internal = Problem.of(ProblemTypes.INTERNAL, "an unexpected error occurred");
            return respond(new Problem(internal.type(), internal.title(), status, internal.detail(), null, Map.of()), Map.of(), uri);
        }
        ProblemType type = forStatus(status);
        if (status == 405) {
            Optional<String> allowed = AllowedMethods.of(uri.getPath());
            return respond(Problem.of(type, HttpErrors.notAllowed(request.getMethod(), uri.getPath(), allowed)),
                    allowed.map(methods -> Map.of(HttpHeaders.ALLOW, methods)).orElse(Map.of()), uri);
        }
        String detail = status == 400 ? "the request could not be read: " + firstLineOfRootCause(e)
                : Objects.requireNonNullElse(HttpErrors.detail(status, request.getMethod(), uri.getPath(),
                        headers.getHeaderString(HttpHeaders.CONTENT_TYPE), headers.getHeaderString(HttpHeaders.ACCEPT)), e.getMessage());
        return respond(Problem.of(type, detail), Map.of(), uri);
    }

    /**
     * Whatever no other mapper took: the request's own body that could not be read (400), a database or blob store
     * outage the caller may retry (503 naming it), else a bug (500).
     */
    @ServerExceptionMapper(priority = Priorities.USER + 100)
    public Response unexpected(Throwable e, UriInfo uri) {
        FailureSource source = FailureSource.of(e);
        switch (source) {
            case CLIENT_GONE -> { // a body cut short by the client (or cut by the server): no one is left to answer
                LOG.debugf("the client's connection closed before its request was read: %s", e.toString());
                return respond(Problem.of(ProblemTypes.INVALID_REQUEST, "the connection closed before the request had been read"), Map.of(), uri);
            }
            case MULTIPART_BODY, REQUEST_BODY -> { // the client's to mend: no outage, no bug (nor a retry of the same bytes)
                LOG.debugf("the request body could not be read: %s", e.toString());
                return respond(Problem.of(ProblemTypes.INVALID_REQUEST, source == FailureSource.MULTIPART_BODY
                        ? "the multipart body could not be read: send multipart/form-data with a boundary of 1 to 70 characters "
                                + "and the closing delimiter at the end"
                        : "the request body could not be read: it broke off or its chunked encoding is malformed; send it whole"),
                        Map.of(), uri);
            }
            case BLOB_STORE -> {
                if (Outages.isOutage(e)) {
                    LOG.warnf("blob store unavailable: %s", e.toString());
                    return respond(unavailable("blob store"), uri);
                }
            }
            case ELSEWHERE -> {
                if (HAS_DATABASE && Outages.isOutage(e)) {
                    LOG.warnf("database unavailable: %s", e.toString());
                    return respond(unavailable("database"), uri);
                }
            }
        }
        LOG.error("unexpected error", e);
        return respond(Problem.of(ProblemTypes.INTERNAL, "an unexpected error occurred"), Map.of(), uri);
    }

    /** {@code backend} (a service, {@code database}, {@code blob store}) did not answer: 503 with Retry-After: 5. */
    public static ProblemException unavailable(String backend) {
        return new ProblemException(Problem.of(ProblemTypes.BACKEND_UNAVAILABLE, backend + " did not answer; try again shortly")
                .with("backend", backend), Map.of("Retry-After", "5"));
    }

    /** The shared type of an HTTP-level error, or {@code http-<status>} for one without. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> ProblemTypes.INVALID_REQUEST;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemTypes.NOT_ACCEPTABLE;
            case 413 -> ProblemTypes.REQUEST_TOO_LARGE;
            case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield new ProblemType("http-" + status, status, known == null ? "HTTP " + status : known.getReasonPhrase());
            }
        };
    }

    /** The answer to a problem thrown, with its headers: for filters that answer instead of throwing. */
    public static Response respond(ProblemException e, UriInfo uri) {
        return respond(e.problem(), e.headers(), uri);
    }

    /** The answer to a problem; {@code instance} is the request's path when the problem names none. */
    public static Response respond(Problem problem, Map<String, String> headers, UriInfo uri) {
        Problem answered = problem.instance() == null && uri != null ? problem.at(uri.getPath()) : problem;
        Response.ResponseBuilder response = Response.status(answered.status()).type(Problem.MEDIA_TYPE).entity(answered);
        headers.forEach(response::header);
        return response.build();
    }

    private static String firstLineOfRootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, ProblemMappers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
