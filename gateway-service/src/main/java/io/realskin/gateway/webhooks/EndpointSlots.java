package io.realskin.gateway.webhooks;

import io.realskin.gateway.common.CountedSlots;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Webhook attempts in flight per tenant and endpoint (scheme, host and effective port), at most {@code perTenant}
 * each, so one tenant's receiver that answers slowly, or never, holds that tenant's slots only; and at most
 * {@code perEndpoint} per endpoint over all tenants together, so many tenants naming one host do not flood it. The
 * endpoint is computed here once, when a delivery is made, and stored with it ({@code webhook_deliveries.endpoint}).
 */
public final class EndpointSlots {
    private final CountedSlots perPair;
    private final CountedSlots perEndpoint;

    /** realskin.webhooks.endpoint-concurrency and realskin.webhooks.endpoint-total-concurrency. */
    public EndpointSlots(int perTenant, int perEndpoint) {
        this.perPair = new CountedSlots(perTenant);
        this.perEndpoint = new CountedSlots(perEndpoint);
    }

    /**
     * The endpoint of a URL: lower-case scheme and host (without a trailing dot; an IPv6 literal in one spelling) and
     * the effective port ({@code https://hooks.example.com:443}); the URL itself when it has no host.
     */
    public static String endpointOf(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return url;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return url;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("[")) {
            try {
                host = "[" + InetAddress.getByName(host).getHostAddress() + "]"; // a literal: no lookup
            } catch (UnknownHostException notALiteral) {
                // kept as written
            }
        }
        int port = WebhookTarget.portOf(uri);
        return scheme + "://" + host + (port > 0 ? ":" + port : "");
    }

    /** A tenant's endpoint as {@code webhook_deliveries} spells it: {@code tenant_id || ' ' || endpoint}. */
    public static String pairOf(String tenantId, String endpoint) {
        return tenantId + " " + endpoint;
    }

    public int perTenant() {
        return perPair.perKey();
    }

    public int perEndpoint() {
        return perEndpoint.perKey();
    }

    /** Takes a slot of the tenant's endpoint and one of the endpoint's, both or none; false when either is full. */
    public boolean tryTake(String tenantId, String endpoint) {
        if (!perPair.tryTake(pairOf(tenantId, endpoint))) {
            return false;
        }
        if (!perEndpoint.tryTake(endpoint)) {
            perPair.release(pairOf(tenantId, endpoint));
            return false;
        }
        return true;
    }

    public void release(String tenantId, String endpoint) {
        perPair.release(pairOf(tenantId, endpoint));
        perEndpoint.release(endpoint);
    }

    /** Tenants' endpoints ({@link #pairOf}) whose slots are all in use now. */
    public Set<String> fullPairs() {
        return perPair.full();
    }

    /** Endpoints whose slots over all tenants are all in use now. */
    public Set<String> fullEndpoints() {
        return perEndpoint.full();
    }
}
