package io.realskin.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.realskin.contracts.EventJson;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request without a valid service token (none, another audience or issuer, expired, a bad signature) is answered
 * 401 {@code unauthorized} (service-support's problem, as every other error of the services, its {@code instance} the
 * request's path) with {@code WWW-Authenticate: Bearer}.
 * Which check failed stays in the service's log, not in the answer. The {@code authenticated} HTTP permission on
 * {@code /*} stays the backstop.
 */
@ApplicationScoped
public class ServiceTokenChallenge {
    /** Before authentication: no bearer token at all is refused here, as authentication would leave it anonymous. */
    void requireBearer(@Observes Filters filters) {
        filters.register(context -> {
            String authorization = context.request().getHeader("Authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                refuse(context, "send the gateway's service token as Authorization: Bearer <JWT>");
            } else {
                context.next();
            }
        }, (SecurityHandlerPriorities.CORS + SecurityHandlerPriorities.AUTHENTICATION) / 2);
    }

    /** A bearer token that does not verify fails authentication; its answer gets the problem body. */
    void answerFailedAuthentication(@Observes Router router) {
        router.route().failureHandler(context -> {
            if (context.failure() instanceof AuthenticationFailedException && !context.response().ended()) {
                refuse(context, "the service token is not valid for this service");
            } else {
                context.next();
            }
        });
    }

    private static void refuse(RoutingContext context, String detail) {
        // instance, as the mappers give every other problem: this answer comes before any route reaches them
        Problem problem = Problem.of(ProblemTypes.UNAUTHORIZED, detail).at(context.normalizedPath());
        context.response().setStatusCode(problem.status())
                .putHeader("WWW-Authenticate", "Bearer")
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(EventJson.write(problem));
    }
}
