package io.realskin.gateway.rest;

import io.realskin.gateway.service.AuthService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every {@code /v1} call needs an API key; {@code /q} (health, metrics, OpenAPI) does not. */
public class AuthFilter {
    private final AuthService auth;
    private final CallerContext callerContext;

    public AuthFilter(AuthService auth, CallerContext callerContext) {
        this.auth = auth;
        this.callerContext = callerContext;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/") && !path.equals("/v1")) {
            return Uni.createFrom().nullItem();
        }
        return auth.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .map(caller -> {
                    callerContext.set(caller);
                    return (Response) null;
                })
                .onFailure(ProblemException.class).recoverWithItem(e -> new ProblemMappers().problem((ProblemException) e));
    }
}
