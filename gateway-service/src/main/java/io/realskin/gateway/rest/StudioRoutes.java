package io.realskin.gateway.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * RealSkin Studio, the static console under /studio/ (META-INF/resources/studio): the bare /studio leads there, and
 * every answer under it carries a strict Content-Security-Policy: its own scripts and styles only, API calls to this
 * origin only, images from itself or from blob: URLs the console makes, no framing.
 */
@ApplicationScoped
public class StudioRoutes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.routeWithRegex("/studio(/.*)?").order(-4).handler(StudioRoutes::secure);
    }

    private static void secure(RoutingContext context) {
        if (context.normalizedPath().equals("/studio")) {
            context.response().setStatusCode(301).putHeader("Location", "/studio/").end();
            return;
        }
        context.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        context.next();
    }
}
