package io.realskin.gateway.webhooks;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Webhook attempts in flight, per endpoint (scheme, host and port of the URL), with a cap per endpoint: a receiver
 * that answers slowly holds its own slots only. {@link #ENDPOINT_SQL} computes the same endpoint in PostgreSQL.
 */
public final class EndpointSlots {
    /** The endpoint of a URL: everything before the path, lower-cased; the whole URL when it has no such form. */
    static final Pattern ENDPOINT = Pattern.compile("^[^:/?#]+://[^/?#]*");
    static final String ENDPOINT_SQL = "coalesce(lower(substring(url from '^[^:/?#]+://[^/?#]*')), url)";

    private final int perEndpoint;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    public EndpointSlots(int perEndpoint) {
        this.perEndpoint = perEndpoint;
    }

    public static String endpointOf(String url) {
        Matcher m = ENDPOINT.matcher(url);
        return m.find() ? m.group().toLowerCase(Locale.ROOT) : url;
    }

    public int perEndpoint() {
        return perEndpoint;
    }

    /** Takes a slot of the URL's endpoint; false when all are in use. */
    public boolean tryTake(String url) {
        boolean[] taken = {false};
        inFlight.compute(endpointOf(url), (endpoint, used) -> {
            int now = used == null ? 0 : used;
            if (now >= perEndpoint) {
                return now;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    public void release(String url) {
        inFlight.computeIfPresent(endpointOf(url), (endpoint, used) -> used <= 1 ? null : used - 1);
    }

    /** Endpoints whose slots are all in use now. */
    public Set<String> full() {
        return inFlight.entrySet().stream().filter(e -> e.getValue() >= perEndpoint).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
