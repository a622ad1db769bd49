package io.realskin.gateway.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The OpenAPI document (/q/openapi, YAML or JSON) compressed for a client that asks, as the Studio's
 * files and the JSON answers are (quarkus.http.enable-compression): Quarkus marks every answer "Content-Encoding:
 * identity" and lifts it only for static files and resource methods, not for the OpenAPI handler's route, so it is lifted
 * here. The document holds no secret.
 */
@ApplicationScoped
public class OpenApiCompression {
    void install(@Observes Router router) {
        router.routeWithRegex("/q/openapi(\\.json|\\.yaml|\\.yml)?").order(-4).handler(OpenApiCompression::compressible);
    }

    private static void compressible(RoutingContext context) {
        context.addHeadersEndHandler(v -> {
            if ("identity".equals(context.response().headers().get(HttpHeaders.CONTENT_ENCODING))) {
                context.response().headers().remove(HttpHeaders.CONTENT_ENCODING);
            }
        });
        context.next();
    }
}
