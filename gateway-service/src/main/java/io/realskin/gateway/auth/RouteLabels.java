package io.realskin.gateway.auth;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.quarkus.resteasy.reactive.server.runtime.ResteasyReactiveRecorder;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.core.Deployment;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper.RequestMatch;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * The {@code uri} label of {@code http_server_requests} for an answer given before a route was matched: by
 * {@link AuthFilter} (401, 429, 403 tenant-suspended), the checks of the request's head, framing and body (414, 431,
 * 400, 413, 501), or a pre-matching filter. Quarkus labels those with their raw path, and keeps at most 100 distinct
 * labels ({@code quarkus.micrometer.binder.http-server.max-uri-tags}): about 100 keyless requests to made-up paths left
 * every route and status not seen before (the first 5xx of the alerts included) unrecorded until a restart. One rule
 * for all of them: the template of the route the path falls under, matched by the REST router's own matchers (as the
 * route's own answers are labelled); else, under /studio, one label for the Studio's static files; else Quarkus'
 * constants for 404 and 3xx; else {@link #UNMATCHED}. Never the path as sent. ({@code /q/…} is not recorded at all:
 * quarkus.micrometer.binder.http-server.suppress-non-application-uris.)
 */
@Singleton
public class RouteLabels implements HttpServerMetricsTagsContributor {
    /** The label of an answer whose path no route takes, but for a 404 (NOT_FOUND) or a 3xx (REDIRECTION). */
    public static final String UNMATCHED = "UNMATCHED";
    /** Set by the REST layer once it has matched a route (and read by Quarkus' metrics). */
    private static final String MATCHED_TEMPLATE = "UrlPathTemplate";
    /** Resource classes nested under one another's paths are few; this bounds a walk over them. */
    private static final int MAX_CLASSES = 32;

    private record Router(Deployment deployment, RequestMapper<InitialMatch> classes) {
    }

    private volatile Router router;

    @Override
    public Tags contribute(Context context) {
        if (context.requestContextLocalData(MATCHED_TEMPLATE) != null) {
            return Tags.empty(); // the route's own label
        }
        String path = context.request().path();
        Optional<String> template = template(context.request().method().name(), path);
        if (template.isPresent()) {
            return Tags.of("uri", template.get());
        }
        if (path != null && (path.equals("/studio") || path.startsWith("/studio/"))) {
            return Tags.of("uri", "/studio/{file}"); // the static files: one label
        }
        int status = context.response().statusCode();
        return status == 404 || status / 100 == 3 ? Tags.empty() : Tags.of("uri", UNMATCHED);
    }

    /** The template of the route that takes the path, preferring the request's method's; empty when none does. */
    Optional<String> template(String method, String path) {
        Router current = current();
        if (current == null || path == null) {
            return Optional.empty();
        }
        String prefix = current.deployment().getPrefix();
        String local = prefix != null && !prefix.isEmpty() && !prefix.equals("/") && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        String anyMethods = null;
        RequestMatch<InitialMatch> match = current.classes().map(local);
        for (int i = 0; match != null && i < MAX_CLASSES; i++, match = current.classes().continueMatching(local, match)) {
            String remaining = match.remaining == null || match.remaining.isEmpty() ? "/" : match.remaining;
            for (ServerRestHandler handler : match.value.handlers) {
                if (!(handler instanceof ClassRoutingHandler routing)) {
                    continue;
                }
                RequestMapper<RuntimeResource> own = routing.getMappers().get(method);
                RequestMatch<RuntimeResource> found = own == null ? null : own.map(remaining);
                if (found != null) {
                    return Optional.of(join(match.template.template, found.template.template));
                }
                for (RequestMapper<RuntimeResource> paths : routing.getMappers().values()) {
                    RequestMatch<RuntimeResource> other = anyMethods == null ? paths.map(remaining) : null;
                    if (other != null) {
                        anyMethods = join(match.template.template, other.template.template);
                    }
                }
            }
        }
        return Optional.ofNullable(anyMethods);
    }

    private static String join(String resource, String method) {
        String joined = (resource + "/" + method).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private Router current() {
        Deployment deployment = ResteasyReactiveRecorder.getCurrentDeployment();
        if (deployment == null) {
            return null;
        }
        Router known = router;
        if (known == null || known.deployment() != deployment) { // a dev-mode restart makes a new deployment
            known = new Router(deployment, new RequestMapper<>(deployment.getClassMappers()));
            router = known;
        }
        return known;
    }
}
