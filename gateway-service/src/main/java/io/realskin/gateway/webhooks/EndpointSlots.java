package io.realskin.gateway.webhooks;

import io.realskin.gateway.common.CountedSlots;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook attempts in flight, per endpoint (scheme, host and port of the URL), with a cap per endpoint: a receiver
 * that answers slowly holds its own slots only. {@link #ENDPOINT_SQL} computes the same endpoint in PostgreSQL.
 */
public final class EndpointSlots {
    /** The endpoint of a URL: everything before the path, lower-cased; the whole URL when it has no such form. */
    static final Pattern ENDPOINT = Pattern.compile("^[^:/?#]+://[^/?#]*");
    public static final String ENDPOINT_SQL = "coalesce(lower(substring(url from '^[^:/?#]+://[^/?#]*')), url)";

    private final CountedSlots inFlight;

    public EndpointSlots(int perEndpoint) {
        this.inFlight = new CountedSlots(perEndpoint);
    }

    public static String endpointOf(String url) {
        Matcher m = ENDPOINT.matcher(url);
        return m.find() ? m.group().toLowerCase(Locale.ROOT) : url;
    }

    public int perEndpoint() {
        return inFlight.perKey();
    }

    /** Takes a slot of the URL's endpoint; false when all are in use. */
    public boolean tryTake(String url) {
        return inFlight.tryTake(endpointOf(url));
    }

    public void release(String url) {
        inFlight.release(endpointOf(url));
    }

    /** Endpoints whose slots are all in use now. */
    public Set<String> full() {
        return inFlight.full();
    }
}
