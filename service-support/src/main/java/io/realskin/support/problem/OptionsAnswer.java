package io.realskin.support.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An {@code OPTIONS} is answered with what the path takes, as the 405's {@code Allow} says ({@link AllowedMethods}), or
 * 404 where no route takes the path. The router answered it itself with every method of the resource class the path
 * fell under: {@code OPTIONS /v1/images/x/y/z} was 200 with {@code Allow: DELETE, GET, HEAD, OPTIONS, POST}, where a GET
 * is 404. After authentication (a default-priority filter): an OPTIONS is answered only to a valid key, as before. No
 * route of any service declares its own OPTIONS; a path under no resource class is left to the framework.
 */
public class OptionsAnswer {
    @ServerRequestFilter(preMatching = true)
    public Response answerOptions(ContainerRequestContext request) {
        if (!"OPTIONS".equals(request.getMethod())) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        Optional<String> allowed = AllowedMethods.of(path);
        if (allowed.isPresent()) {
            return Response.ok().header(HttpHeaders.ALLOW, allowed.get()).build();
        }
        if (AllowedMethods.underAResource(path)) {
            return ProblemMappers.respond(Problem.of(ProblemTypes.NOT_FOUND, HttpErrors.detail(404, "OPTIONS", path, null, null)),
                    Map.of(), request.getUriInfo());
        }
        return null;
    }
}
