package io.realskin.gateway.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.gateway.auth.AuthFilter;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.AnnouncedLength;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Before a request's body is read (request filters run first): a JSON body announced over
 * {@code realskin.bodies.max-json-kib} is 413 request-too-large; any body takes its announced length (a chunked one,
 * without Content-Length: the server's maximum) from the caller's tenant's {@link BodyBudget} until its answer has been
 * sent. After {@link AuthFilter}, which refuses a caller without a valid key before any body is read. Like it, it
 * answers a {@code Uni}: such a filter runs on the event loop before a blocking route's body is read whole for its
 * worker thread (a filter answering a plain Response ran only after the body had arrived).
 */
public class BodyBudgetFilter {
    private final BodyBudget budget;
    private final CallerContext callerContext;
    private final CurrentVertxRequest current;
    private final long maxBody;
    private final long maxJson;

    public BodyBudgetFilter(BodyBudget budget, CallerContext callerContext, CurrentVertxRequest current, GatewayConfig config,
                            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.budget = budget;
        this.callerContext = callerContext;
        this.current = current;
        this.maxBody = maxBody.asLongValue();
        this.maxJson = config.bodies().maxJsonKib() * 1024L;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Uni<Response> admit(ContainerRequestContext request, ResourceInfo resource) {
        Caller caller = callerContext.current();
        Method method = resource.getResourceMethod();
        if (caller == null || method == null || !readsBody(method)) {
            return Uni.createFrom().nullItem();
        }
        long length = AnnouncedLength.of(request, current.getCurrent().request());
        if (length == 0) {
            return Uni.createFrom().nullItem();
        }
        boolean json = JsonBodyCap.isJson(request.getMediaType());
        try {
            if (json && length > maxJson) {
                throw Problems.requestTooLarge(length, maxJson);
            }
            budget.takeForRequestBody(current.getCurrent(), caller.tenantId(), length < 0 ? maxBody : length);
            return Uni.createFrom().nullItem();
        } catch (ProblemException e) {
            return Uni.createFrom().item(ProblemMappers.respond(e, request.getUriInfo()));
        }
    }

    /**
     * Whether the route reads the request's body: a parameter it is read into (one without a JAX-RS or RESTEasy
     * parameter annotation and not a context type) or a form field. A route that reads none (a cancel, a GET) is not
     * budgeted, whatever its method and protocol: an HTTP/2 request announces no length and may not have ended its
     * stream by the time this runs, so a bodiless POST could not be told from one with a body.
     */
    static boolean readsBody(Method method) {
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            boolean bound = false;
            for (Annotation a : annotations[i]) {
                String name = a.annotationType().getName();
                if (name.equals("jakarta.ws.rs.FormParam") || name.equals("org.jboss.resteasy.reactive.RestForm")) {
                    return true;
                }
                bound |= name.startsWith("jakarta.ws.rs.") || name.startsWith("org.jboss.resteasy.reactive.");
            }
            String type = types[i].getName();
            if (!bound && !type.startsWith("jakarta.ws.rs.") && !type.startsWith("io.vertx.")) {
                return true;
            }
        }
        return false;
    }
}
