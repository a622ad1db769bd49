package io.realskin.billing.rest;

import io.realskin.billing.domain.BillingProblem;
import io.realskin.contracts.Identifiers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A control character (NUL above all) in the path or a query parameter is a 400 before any route runs. */
public class UriCheck {
    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        if (!Identifiers.hasControlCharacters(request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters())) {
            return null;
        }
        return ProblemMapper.problem(400, BillingProblem.TYPE_BASE + "validation", "Invalid request",
                "the path or a query parameter holds a control character", Map.of());
    }
}
