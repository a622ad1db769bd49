package io.realskin.support.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter given more than once ({@code ?limit=1&limit=100}) is a 400 naming it, before any route runs: JAX-RS
 * reads the first value, a proxy or client library may read the last, so the two would see different requests (as a
 * JSON key given twice, refused the same way). No route of any service takes a parameter more than once.
 */
public class RepeatedQueryParameterCheck {
    @ServerRequestFilter(preMatching = true)
    public Response refuseRepeatedParameters(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getValue().size() > 1) {
                String name = parameter.getKey();
                return ProblemMappers.respond(Problem.of(ProblemTypes.INVALID_REQUEST, "query parameter " + name + " is given "
                        + parameter.getValue().size() + " times; send it once").with("field", name), Map.of(), request.getUriInfo());
            }
        }
        return null;
    }
}
