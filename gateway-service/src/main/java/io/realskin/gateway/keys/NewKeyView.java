package io.realskin.gateway.keys;

import io.realskin.gateway.idempotency.HoldsSecret;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /v1/admin/api-keys} and {@code POST /v1/api-keys}: the only time the key itself is shown. */
public record NewKeyView(String id, String key, String tenantId, @Schema(nullable = true) String name, String hint,
                         Set<String> scopes, Instant createdAt,
                         @Schema(nullable = true, description = "null: it does not expire") Instant expiresAt,
                         @Schema(nullable = true, description = "null: the tenant plan's") Integer rateLimitPerMinute,
                         @Schema(nullable = true, description = "the key that made it; null for the bootstrap key") String createdBy)
        implements HoldsSecret {
    public static NewKeyView of(NewKey created) {
        StoredKey s = created.stored();
        return new NewKeyView(s.id(), created.key(), s.tenantId(), s.name(), s.hint(), s.scopes(), s.createdAt(), s.expiresAt(),
                s.rateLimitPerMinute(), s.createdBy());
    }
}
