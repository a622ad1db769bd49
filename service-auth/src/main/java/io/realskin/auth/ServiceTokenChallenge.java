package io.realskin.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request without a valid service token (none, another audience or issuer, expired, a bad signature) is answered
 * 401 {@code application/problem+json} with {@code WWW-Authenticate: Bearer}, like every other error of the services.
 * Which check failed stays in the service's log, not in the answer. The {@code authenticated} HTTP permission on
 * {@code /*} stays the backstop.
 */
@ApplicationScoped
public class ServiceTokenChallenge {
    public static final String PROBLEM_TYPE = "https://realskin.io/problems/unauthorized";

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
        JsonObject problem = new JsonObject()
                .put("type", PROBLEM_TYPE)
                .put("title", "Missing or invalid service token")
                .put("status", 401)
                .put("detail", detail);
        context.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer")
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }
}
