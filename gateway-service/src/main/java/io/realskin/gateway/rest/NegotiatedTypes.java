package io.realskin.gateway.rest;

import io.realskin.support.problem.AcceptedTypes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * On a route several methods answer by type ({@link NegotiatedRoutes}), the method is the one whose type the
 * {@code Accept} weighs highest by RFC 9110 §12.5.1 ({@link AcceptedTypes#preferred}): the header is narrowed to that
 * type before the route is matched. The framework matched the header as text, so {@code *}{@code /*,
 * text/event-stream;q=0} on a job's events took the stream and was answered 406, where {@code *}{@code /*} accepts
 * the JSON page. A header weighing every type 0 is left as it is: {@link RefusedTypes} answers it 406.
 */
public class NegotiatedTypes {
    private final NegotiatedRoutes routes;

    public NegotiatedTypes(NegotiatedRoutes routes) {
        this.routes = routes;
    }

    @ServerRequestFilter(preMatching = true)
    public void chooseByWeight(ContainerRequestContext request) {
        var accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null) {
            return;
        }
        routes.producedAt(request.getMethod(), request.getUriInfo().getPath()).ifPresent(produced -> {
            AcceptedTypes accepted = AcceptedTypes.of(accept);
            if (accepted != null) {
                accepted.preferred(produced).ifPresent(type -> request.getHeaders().putSingle(HttpHeaders.ACCEPT, type));
            }
        });
    }
}
