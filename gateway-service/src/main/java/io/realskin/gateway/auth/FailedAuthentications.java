package io.realskin.gateway.auth;

import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each client address's budget of failed authentications ({@code realskin.rate-limit.unauthenticated-per-minute}), in
 * buckets of its own: addresses are the one name a client without a key can make up at will (an IPv6 network holds
 * many /64s), so their flood must not reach the tenants' and keys' buckets, which before shared one map with them.
 */
@ApplicationScoped
public class FailedAuthentications {
    private final RateLimiter buckets = new RateLimiter();
    private final int perMinute;

    public FailedAuthentications(GatewayConfig config) {
        this.perMinute = config.rateLimit().unauthenticatedPerMinute();
    }

    /** Whether the address may still be looked at (its budget is not spent); takes nothing. */
    public RateLimiter.Decision peek(String address) {
        return buckets.peek(address, perMinute);
    }

    /** One more failed authentication from the address. */
    public void count(String address) {
        buckets.acquire(address, perMinute);
    }
}
