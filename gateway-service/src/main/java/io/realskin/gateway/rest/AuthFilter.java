package io.realskin.gateway.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.gateway.domain.Caller;
import io.realskin.gateway.service.AuthService;
import io.realskin.gateway.service.RateLimiter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every {@code /v1} call needs an API key; {@code /q} (health, metrics, OpenAPI) does not. After the key, the key's
 * token bucket: a request over the limit is answered 429, every answer carries the RateLimit headers.
 */
public class AuthFilter {
    private static final String DECISION = AuthFilter.class.getName() + ".rate";

    private final AuthService auth;
    private final RateLimiter rateLimiter;
    private final CallerContext callerContext;
    private final Counter limited;

    public AuthFilter(AuthService auth, RateLimiter rateLimiter, CallerContext callerContext, MeterRegistry registry) {
        this.auth = auth;
        this.rateLimiter = rateLimiter;
        this.callerContext = callerContext;
        this.limited = Counter.builder("realskin.gateway.rate.limited").description("requests answered 429").register(registry);
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
                    return limit(request, caller);
                })
                .onFailure(ProblemException.class).recoverWithItem(e -> new ProblemMappers().problem((ProblemException) e));
    }

    private Response limit(ContainerRequestContext request, Caller caller) {
        RateLimiter.Decision decision = rateLimiter.acquire(caller.keyId(), caller.ratePerMinute());
        request.setProperty(DECISION, decision);
        if (decision.allowed()) {
            return null;
        }
        limited.increment();
        return new ProblemMappers().problem(Problems.rateLimited(decision.retryAfterSeconds(),
                Map.of("Retry-After", String.valueOf(decision.retryAfterSeconds()), "RateLimit-Policy", decision.policyHeader(),
                        "RateLimit", decision.rateLimitHeader())));
    }

    @ServerResponseFilter
    public void rateLimitHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
            response.getHeaders().putSingle("RateLimit-Policy", decision.policyHeader());
            response.getHeaders().putSingle("RateLimit", decision.rateLimitHeader());
        }
    }
}
