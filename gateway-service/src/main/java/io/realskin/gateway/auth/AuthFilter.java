package io.realskin.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemMappers;
import io.realskin.support.problem.ProblemTypes;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every {@code /v1} call needs an API key; {@code /q} (health, metrics, OpenAPI) does not. In this order, before any
 * part of the route runs (an Idempotency-Key replay included): the client address's budget of failed
 * authentications (spent, it is 429 before any key lookup, but for a key this replica has cached:
 * {@link AuthService#knows}), the key and its tenant (403 tenant-suspended while an
 * operator has suspended it), the tenant's token bucket and the key's own if it has a limit (429; every answer
 * carries their RateLimit headers, but one that carries a limit's of its own), and the scope the route declares with
 * {@link RequiresScope}. All but the scope
 * run before the request is matched to a route, so that what the matching answers (404 for an unknown path, 405,
 * 406, 415, the Allow of an OPTIONS) is told only to a valid key and counts against its bucket like any request.
 */
public class AuthFilter {
    private static final String PER_TENANT = "per-tenant";
    private static final String PER_KEY = "per-key";
    /** Set on the exchange of an answer that carries a limit's RateLimit fields of its own ({@link #keepOwnLimitFields}). */
    private static final String OWN_LIMIT_FIELDS = "realskin.own-limit-fields";
    private final AuthService auth;
    private final RateLimiter rateLimiter;
    private final FailedAuthentications failures;
    private final CallerContext callerContext;
    private final CurrentVertxRequest current;
    private final Counter limited;
    private final Counter suspended;

    public AuthFilter(AuthService auth, RateLimiter rateLimiter, FailedAuthentications failures, CallerContext callerContext,
                      CurrentVertxRequest current, MeterRegistry registry) {
        this.auth = auth;
        this.rateLimiter = rateLimiter;
        this.failures = failures;
        this.callerContext = callerContext;
        this.current = current;
        this.limited = Counter.builder("realskin.gateway.rate.limited").description("requests answered 429").register(registry);
        this.suspended = Counter.builder("realskin.gateway.tenants.suspended.requests")
                .description("requests refused 403 tenant-suspended").register(registry);
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        if (!isApi(request)) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext exchange = current.getCurrent();
        String address = "address:" + ClientAddresses.bucketOf(exchange.request().remoteAddress());
        RateLimiter.Decision unauthenticated = failures.peek(address);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // a key this replica has cached is served whatever the address's budget: behind a load balancer that hides the
        // clients' addresses (quarkus.http.proxy.* unset) a client sending junk keys spent it for every client
        if (!unauthenticated.allowed() && !auth.knows(authorization)) {
            limited.increment();
            return Uni.createFrom().item(ProblemMappers.respond(Problems.tooManyFailedAuthentications(
                    unauthenticated.retryAfterSeconds()), request.getUriInfo()));
        }
        return auth.authenticate(authorization)
                .map(caller -> {
                    callerContext.set(caller);
                    return limit(request, exchange, caller);
                })
                .onFailure(ProblemException.class).recoverWithItem(e -> {
                    ProblemException problem = (ProblemException) e;
                    if (problem.problem().status() == 401) {
                        failures.count(address);
                    } else if (ProblemTypes.TENANT_SUSPENDED.uri().equals(problem.problem().type())) {
                        suspended.increment();
                    }
                    return ProblemMappers.respond(problem, request.getUriInfo());
                });
    }

    /**
     * The tenant's bucket (its plan's limit, shared by all its keys) and, for a key with a limit of its own, the key's:
     * a request needs a token from each. The key's is taken first, so that a key over its own limit spends nothing of
     * its tenant's, and given back when the tenant's refuses. The RateLimit headers carry one item per bucket.
     */
    private Response limit(ContainerRequestContext request, RoutingContext exchange, Caller caller) {
        String keyBucket = "key:" + caller.keyId();
        RateLimiter.Decision own = caller.keyPerMinute() == null ? null : rateLimiter.acquire(keyBucket, caller.keyPerMinute());
        String tenantBucket = "tenant:" + caller.tenantId();
        RateLimiter.Decision tenant = own == null || own.allowed() ? rateLimiter.acquire(tenantBucket, caller.tenantPerMinute())
                : rateLimiter.peek(tenantBucket, caller.tenantPerMinute());
        if (own != null && own.allowed() && !tenant.allowed()) {
            own = rateLimiter.giveBack(keyBucket, caller.keyPerMinute()); // refused by the tenant's: the key spent nothing
        }
        String policy = tenant.policyItem(PER_TENANT) + (own == null ? "" : ", " + own.policyItem(PER_KEY));
        String remaining = tenant.rateLimitItem(PER_TENANT) + (own == null ? "" : ", " + own.rateLimitItem(PER_KEY));
        // set as the headers are written: a response filter never sees a streamed answer (an image's paced content)
        exchange.addHeadersEndHandler(v -> {
            if (exchange.get(OWN_LIMIT_FIELDS) == null) {
                exchange.response().headers().set("RateLimit-Policy", policy).set("RateLimit", remaining);
            }
        });
        if (tenant.allowed() && (own == null || own.allowed())) {
            return null;
        }
        limited.increment();
        long retryAfter = Math.max(tenant.retryAfterSeconds(), own == null ? 0 : own.retryAfterSeconds());
        // the key's own bucket is asked first: refused by it, the tenant's was only looked at, and is named only if empty too
        String keys = "this API key's own limit of " + caller.keyPerMinute() + " requests per minute";
        String plan = "this tenant's plan limit of " + caller.tenantPerMinute() + " requests per minute, shared by all its API keys,";
        String usedUp = own == null || own.allowed() ? plan + " is used up"
                : tenant.allowed() ? keys + " is used up" : keys + " and " + plan + " are used up";
        return ProblemMappers.respond(Problems.limitUsedUp(usedUp, retryAfter), request.getUriInfo());
    }

    /**
     * An answer refused by a limit of its own that carries that limit's RateLimit fields (429
     * too-many-profile-measurements) keeps them alone: the buckets' tokens left would tell its client to send again at
     * once. Its headers reach the exchange only after the buckets' handler above has run, so it is marked here.
     */
    @ServerResponseFilter
    public void keepOwnLimitFields(ContainerResponseContext response) {
        if (response.getHeaders().containsKey("RateLimit")) {
            current.getCurrent().put(OWN_LIMIT_FIELDS, Boolean.TRUE);
        }
    }

    /**
     * Null when the caller holds the route's scope; a route without a declared scope needs admin. A {@code /v1} route
     * reached by a path {@link #authenticate} did not take for {@code /v1} still needs a key (401).
     */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Response authorise(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !isApi(request) && !isApi(resource.getResourceClass())) {
            return null;
        }
        RequiresScope declared = method.getAnnotation(RequiresScope.class);
        String scope = declared == null ? Scopes.ADMIN : declared.value();
        return callerContext.get().has(scope) ? null : ProblemMappers.respond(Problems.forbidden(scope), request.getUriInfo());
    }

    private static boolean isApi(ContainerRequestContext request) {
        return isApi(request.getUriInfo().getPath());
    }

    private static boolean isApi(Class<?> resource) {
        Path path = resource.getAnnotation(Path.class);
        return path != null && isApi(path.value());
    }

    private static boolean isApi(String path) {
        return path.startsWith("/v1/") || path.equals("/v1");
    }
}
