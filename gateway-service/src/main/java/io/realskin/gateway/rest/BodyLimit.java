package io.realskin.gateway.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.realskin.contracts.EventJson;
import io.realskin.support.problem.Problem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.realskin.gateway.problems.Problems;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused before it is read, as Quarkus
 * does, but with a problem instead of an empty 413: {@code image-too-large} on uploads, {@code request-too-large}
 * elsewhere. Runs just before Quarkus' own check (route order -2).
 */
@ApplicationScoped
public class BodyLimit {
    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBytes) {
        this.maxBytes = maxBytes.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        String announced = context.request().getHeader("Content-Length");
        long length;
        try {
            length = announced == null ? -1 : Long.parseLong(announced.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= maxBytes) {
            context.next();
            return;
        }
        Problem problem = context.request().path().startsWith("/v1/images")
                ? Problems.imageTooLarge("the body is " + length + " bytes; an upload may be at most 30 MiB").problem()
                : Problems.requestTooLarge(length, maxBytes).problem();
        context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                .end(EventJson.write(problem));
    }
}
