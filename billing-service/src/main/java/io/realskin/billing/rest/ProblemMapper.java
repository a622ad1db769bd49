package io.realskin.billing.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.realskin.billing.domain.BillingProblem;
import io.realskin.support.messaging.Outages;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as RFC 9457 application/problem+json with a stable type URI. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response billing(BillingProblem problem) {
        return problem(problem.status(), problem.type(), problem.title(), problem.getMessage(), problem.extensions());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        return problem(400, BillingProblem.TYPE_BASE + "validation", "Invalid request", e.getMessage(), Map.of());
    }

    /** Quarkus maps this subtype itself, with a bare 400: a problem like every other answer instead. */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return problem(400, BillingProblem.TYPE_BASE + "validation", "Invalid request", "body is not valid JSON for this endpoint: "
                + e.getOriginalMessage(), Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String slug = status == 404 ? "not-found" : status == 405 ? "method-not-allowed" : status == 415 ? "unsupported-media-type"
                : status < 500 ? "validation" : "internal";
        return problem(status, BillingProblem.TYPE_BASE + slug, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), Map.of());
    }

    /** A database outage is a 503 the caller may retry (the gateway then answers its own 503); anything else is a bug. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (Outages.isOutage(e)) {
            LOG.warnf("database unavailable: %s", e.toString());
            return Response.fromResponse(problem(503, BillingProblem.TYPE_BASE + "backend-unavailable", "A backend service is unavailable",
                    "database did not answer; try again shortly", Map.of("backend", "database"))).header("Retry-After", "5").build();
        }
        LOG.error("unexpected failure", e);
        return problem(500, BillingProblem.TYPE_BASE + "internal", "Internal error", "the request failed unexpectedly", Map.of());
    }

    static Response problem(int status, String type, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
