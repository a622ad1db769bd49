package io.realskin.gateway.keys;

import java.time.Instant;
import java.util.Set;

/** What a new API key is to be: its name, scopes, expiry and own rate limit (null: none, and the tenant plan's limit). */
public record KeySpec(String name, Set<String> scopes, Instant expiresAt, Integer rateLimitPerMinute) {
    /** A key's own rate limit, requests per minute. */
    public static final int MIN_RATE = 1;
    public static final int MAX_RATE = 10_000_000;
    /** What a rate out of range is told, after the field's name (by the bodies' check and the service's alike). */
    public static final String RATE_RANGE = "must be between " + MIN_RATE + " and " + MAX_RATE;
}
