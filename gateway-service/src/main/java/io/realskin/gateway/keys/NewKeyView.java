package io.realskin.gateway.keys;

import java.time.Instant;
import java.util.Set;

/** The answer of {@code POST /v1/admin/api-keys} and {@code POST /v1/api-keys}: the only time the key itself is shown. */
public record NewKeyView(String id, String key, String tenantId, String name, String hint, Set<String> scopes,
                         Instant createdAt, Instant expiresAt, Integer rateLimitPerMinute, String createdBy) {
    public static NewKeyView of(NewKey created) {
        StoredKey s = created.stored();
        return new NewKeyView(s.id(), created.key(), s.tenantId(), s.name(), s.hint(), s.scopes(), s.createdAt(), s.expiresAt(),
                s.rateLimitPerMinute(), s.createdBy());
    }
}
