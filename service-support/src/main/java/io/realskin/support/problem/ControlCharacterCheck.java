package io.realskin.support.problem;

import io.realskin.contracts.Identifiers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A control character (NUL above all) in the path or a query parameter is a 400 before any route runs, so none
 * reaches SQL or another service (PostgreSQL refuses NUL in text with an error, which was a 500).
 */
public class ControlCharacterCheck {
    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        if (!Identifiers.hasControlCharacters(request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters())) {
            return null;
        }
        return ProblemMappers.respond(Problem.of(ProblemTypes.INVALID_REQUEST, "the path or a query parameter holds a control character"),
                Map.of(), request.getUriInfo());
    }
}
