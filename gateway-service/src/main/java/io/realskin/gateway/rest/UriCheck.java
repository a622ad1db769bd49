package io.realskin.gateway.rest;

import io.realskin.contracts.Identifiers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A control character (NUL above all) in the path or a query parameter is a 400 before any route runs, so none
 * reaches SQL or a backend (PostgreSQL refuses NUL in text with an error, which was a 500).
 */
public class UriCheck {
    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        if (!Identifiers.hasControlCharacters(request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters())) {
            return null;
        }
        return new ProblemMappers().problem(Problems.invalid("the path or a query parameter holds a control character"));
    }
}
