package io.realskin.gateway.keys;

import io.realskin.contracts.ApiKeys;
import io.realskin.gateway.problems.Problems;
import java.time.Instant;
import java.util.Set;

/**
 * An API key as stored: its hash, never the key. {@code plan} is its tenant's plan, {@code tenantSuspendedAt} when its
 * tenant was suspended (null while it is active), read in the same query; {@code createdBy} the key that created it
 * (null for the bootstrap key and keys older than the record of it); {@code lastUsedAt} when it last authenticated a
 * request, as {@link KeyUses} last wrote it (null: not used since that was recorded).
 */
public record StoredKey(String id, String tenantId, String name, String hint, Set<String> scopes, Instant createdAt,
                        Instant expiresAt, Instant revokedAt, String plan, Integer rateLimitPerMinute, Instant tenantSuspendedAt,
                        String createdBy, Instant lastUsedAt) {
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** 401 unauthorized, saying why, unless the key is usable at {@code now}. */
    public void requireUsable(Instant now) {
        if (revokedAt != null) {
            throw Problems.unauthorized("the API key was revoked");
        }
        if (!usableAt(now)) {
            throw Problems.unauthorized("the API key expired at " + expiresAt);
        }
    }

    /** Whether it is an {@code rsk_live_} key (else {@code rsk_test_}), as its hint shows. */
    public boolean live() {
        return hint.startsWith(ApiKeys.LIVE_PREFIX);
    }
}
