package io.realskin.gateway.keys;

import java.time.Instant;
import java.util.Set;

/** An API key as stored: its hash, never the key. {@code plan} is its tenant's plan. */
public record StoredKey(String id, String tenantId, String name, String hint, Set<String> scopes, Instant createdAt,
                        Instant expiresAt, Instant revokedAt, String plan, Integer rateLimitPerMinute) {
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
