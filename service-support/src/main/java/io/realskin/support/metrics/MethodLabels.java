package io.realskin.support.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The {@code method} label of the HTTP server's meters ({@code http_server_requests}): the request's method when HTTP
 * defines it, else {@link #UNKNOWN}. Vert.x takes any token as a method and Quarkus labels with it as sent, bounding only
 * the {@code uri} label: until 2026-12-07 each made-up method (sent with no key: the 401 is recorded too) was a series
 * of its own, and of each histogram bucket, in every replica's registry and in Prometheus, without bound. Set twice: as
 * a label contributed before the meter is looked up (so the registry never holds the name sent), and by a filter for
 * the meters Quarkus records without contributors (a request the client reset).
 */
@Singleton
public class MethodLabels implements HttpServerMetricsTagsContributor {
    /** The label of a method HTTP does not define (Quarkus' own for a request without one). */
    public static final String UNKNOWN = "UNKNOWN";
    static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT");
    private static final String METHOD = "method";
    private static final String SERVER_METERS = "http.server.";

    @Override
    public Tags contribute(Context context) {
        String method = context.request().method().name();
        return HTTP_METHODS.contains(method) ? Tags.empty() : Tags.of(METHOD, UNKNOWN);
    }

    @Produces
    @Singleton
    MeterFilter unknownMethods() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String method = id.getTag(METHOD);
                if (method == null || !id.getName().startsWith(SERVER_METERS) || HTTP_METHODS.contains(method)) {
                    return id;
                }
                return id.replaceTags(Tags.of(id.getTagsAsIterable()).and(Tag.of(METHOD, UNKNOWN)));
            }
        };
    }
}
