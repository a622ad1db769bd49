package io.realskin.gateway.rest;

import io.realskin.support.problem.AcceptedTypes;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code 406 not-acceptable} when the request's {@code Accept} gives every type the matched route answers a weight of
 * 0 ({@code Accept: application/json;q=0}, {@code *}{@code /*;q=0}), as for an {@code Accept} naming none of them: the
 * framework matched the header as text, ignoring its weights ({@link AcceptedTypes}), and served the type refused. A
 * {@code q=0} on one type beside another the route answers changes nothing. Checked right after the route is matched,
 * as the framework's own 406 is, so nothing of the route runs.
 */
public class RefusedTypes {
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void refuseWhatTheClientRefuses(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        List<String> answered = ProducedTypes.of(method, resource.getResourceClass());
        if (answered.isEmpty()) {
            return;
        }
        AcceptedTypes accepted = AcceptedTypes.of(request.getHeaders().get(HttpHeaders.ACCEPT));
        if (accepted != null && !accepted.allowsAny(answered)) {
            throw new NotAcceptableException();
        }
    }
}
