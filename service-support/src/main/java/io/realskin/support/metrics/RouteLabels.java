package io.realskin.support.metrics;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.realskin.support.routes.RestRoutes;
import io.realskin.support.routes.RestRoutes.ClassMatch;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The {@code uri} label of {@code http_server_requests} for an answer no route gave: a refusal before routing (the
 * gateway's API-key check: 401, 429, 403 tenant-suspended; a backend's service-token check: 401), the checks of the
 * request's head, framing and body (414, 431, 400, 413, 501), a pre-matching filter, a static file. Quarkus labels those
 * with their raw path and keeps at most 100 distinct labels ({@code quarkus.micrometer.binder.http-server.max-uri-tags}):
 * until 2026-12-07 about 100 keyless requests to made-up paths left every route and status not seen before (the first
 * 5xx of the alerts included) unrecorded until a restart. One rule, in every service: the template of the route the path
 * falls under, matched by the REST router's own matchers (as the route's own answers are labelled), the request's
 * method's first; else, for a 2xx or 304 (a static file, such as the gateway's Studio), its first path segment and
 * {@code {file}}; else Quarkus' constants for 404 and 3xx; else {@link #UNMATCHED}. Never the path as sent. ({@code /q/…}
 * is not recorded: quarkus.micrometer.binder.http-server.suppress-non-application-uris.)
 */
@Singleton
public class RouteLabels implements HttpServerMetricsTagsContributor {
    /** The label of an answer whose path no route takes, but for a 404 (NOT_FOUND), a 3xx (REDIRECTION) or a static file. */
    public static final String UNMATCHED = "UNMATCHED";
    /** Set by the REST layer once it has matched a route (and read by Quarkus' metrics). */
    private static final String MATCHED_TEMPLATE = "UrlPathTemplate";

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
        int status = context.response().statusCode();
        if (status / 100 == 2 || status == 304) {
            return Tags.of("uri", staticFiles(path)); // only files that exist answer so: as many labels as their folders
        }
        return status == 404 || status / 100 == 3 ? Tags.empty() : Tags.of("uri", UNMATCHED);
    }

    /** The template of the route that takes the path, preferring the request's method's; empty when none does. */
    static Optional<String> template(String method, String path) {
        List<ClassMatch> matches = RestRoutes.under(path);
        for (ClassMatch match : matches) {
            Optional<String> own = match.route(method);
            if (own.isPresent()) {
                return own;
            }
        }
        for (ClassMatch match : matches) {
            for (String other : match.methods().keySet()) {
                Optional<String> route = other == null ? Optional.empty() : match.route(other);
                if (route.isPresent()) {
                    return route;
                }
            }
        }
        return Optional.empty();
    }

    /** "/studio/{file}" of "/studio/js/app.js" and of "/studio"; "/" of "/". */
    static String staticFiles(String path) {
        String[] segments = path == null ? new String[0] : path.split("/");
        for (String segment : segments) {
            if (!segment.isEmpty()) {
                return "/" + segment + "/{file}";
            }
        }
        return "/";
    }
}
