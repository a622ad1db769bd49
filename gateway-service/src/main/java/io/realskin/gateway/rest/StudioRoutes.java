package io.realskin.gateway.rest;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * RealSkin Studio, the static console under /studio/ (META-INF/resources/studio): the bare /studio leads there, and
 * every answer under it carries a strict Content-Security-Policy: its own scripts and styles only, API calls to this
 * origin only, images from itself or from blob: URLs the console makes, no framing. Each file is revalidated before
 * use ({@code Cache-Control: no-cache} with its {@link StudioETags tag}; 304 when unchanged): its modules have no
 * hashed names, and the static handler's {@code public, immutable, max-age=86400} with a Last-Modified of the request's
 * time kept a browser on the old modules for a day after an upgrade, or mixing old and new
 * ({@code quarkus.http.static-resources.caching-enabled=false} turns those off).
 */
@ApplicationScoped
public class StudioRoutes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final StudioETags tags = new StudioETags();

    void install(@Observes Router router) {
        router.routeWithRegex("/studio(/.*)?").order(-4).handler(this::secure);
    }

    private void secure(RoutingContext context) {
        if (context.normalizedPath().equals("/studio")) {
            context.response().setStatusCode(301).putHeader("Location", "/studio/").end();
            return;
        }
        context.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY) // nosniff: every answer's
                .putHeader("Referrer-Policy", "no-referrer");
        HttpMethod method = context.request().method();
        String tag = method == HttpMethod.GET || method == HttpMethod.HEAD ? tags.of(context.normalizedPath()) : null;
        if (tag != null) {
            context.response().putHeader("Cache-Control", "no-cache").putHeader("ETag", tag);
            if (IfNoneMatch.matches(context.request().headers().getAll("If-None-Match"), tag)) {
                context.response().setStatusCode(304).end();
                return;
            }
        }
        context.next();
    }
}
