package io.realskin.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemMappers;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * The answer the shared exception mappers ({@link ProblemMappers}) give an exception thrown by an {@link Idempotent}
 * method, rendered by the mapper's own method, for the exceptions the mappers answer by their type alone: a problem
 * thrown (of any status), a constraint violation (a {@code @Valid} parameter: Quarkus's validation interceptor runs
 * inside the idempotency one), a JSON error, a {@link WebApplicationException} of 4xx. Anything else (a
 * WebApplicationException of 5xx, a bug, an outage, a connection the client closed) is left to the mappers, which
 * log it; the key is freed.
 */
final class ClientErrorAnswer {
    private static final ProblemMappers MAPPERS = new ProblemMappers();

    private ClientErrorAnswer() {
    }

    static Optional<Response> of(Throwable e, UriInfo uri, Request request, HttpHeaders headers) {
        if (e instanceof ProblemException problem) {
            return Optional.of(MAPPERS.problem(problem, uri));
        }
        if (e instanceof ConstraintViolationException violation) {
            return Optional.of(MAPPERS.invalid(violation, uri));
        }
        if (e instanceof JsonProcessingException json) {
            return Optional.of(MAPPERS.unreadableJson(json, uri));
        }
        if (e instanceof WebApplicationException web
                && (web.getCause() instanceof JsonProcessingException || clientError(web.getResponse().getStatus()))) {
            return Optional.of(MAPPERS.web(web, uri, request, headers));
        }
        return Optional.empty();
    }

    private static boolean clientError(int status) {
        return status >= 400 && status < 500;
    }
}
