package io.realskin.gateway.keys;

import java.time.Instant;
import java.util.Set;

/** What a new API key is to be: its name, scopes, expiry and own rate limit (null: none, and the tenant plan's limit). */
public record KeySpec(String name, Set<String> scopes, Instant expiresAt, Integer rateLimitPerMinute) {
}
